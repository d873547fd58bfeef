import { type Lang, languageOf } from './language';

/**
 * The CLI's own words in English and Chinese: one catalogue, so a translation is one place and the
 * compiler says when a message lacks its Chinese (zh must have every key of en). What the checks
 * say about a student's code (expected vs got) comes from the check library and stays English;
 * check names are translated per exercise (check-names.ts).
 */
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const en = {
  header: (backend: string, seed: number) => `d2l-ts · backend ${backend} · seed ${seed}`,
  notImplemented: (message: string, task: string) => `${message}; the task is in ${task}`,
  sameFailure: '(the same failure as above)',
  yourCodePrinted: 'your code printed:',
  compiles: 'compiles',
  loads: 'loads',
  loadFailed: (why: string) => `loading the file failed: ${why}`,
  noTypeErrors: 'has no type errors',
  // How one exercise ended.
  passes: 'passes',
  ranChecksPass: 'passes the checks that ran',
  fails: 'fails',
  doesNotCompile: 'it does not compile, so no check ran',
  doesNotLoad: 'it does not load, so no check ran',
  checksPass: (passed: number, ran: number) => `${passed} of ${plural(ran, 'check')} pass`,
  withTypeErrors: ', but the file has type errors',
  strengthShort: (checks: number, mutants: number, all: boolean) =>
    `${plural(checks, 'check')} · ${plural(mutants, 'known wrong answer')}, ${all ? 'all' : 'not all'} rejected`,
  strength: (checks: number, mutants: number, all: boolean) =>
    `${all ? 'these' : 'some of these'} ${plural(checks, 'check')} reject ${all ? 'every one' : 'some'} of ${plural(mutants, 'known wrong answer')} to this exercise (docs/honesty.md)`,
  notRun: (skipped: number, total: number, filter: string) =>
    ` (--check "${filter}": ${skipped} of ${total} checks not run)`,
  allRanForLeaks: (filter: string) =>
    `--check "${filter}" names only checks that judge the calls of the others, so every check runs`,
  matchesNoCheck: (filter: string, id: string, names: string[]) =>
    `--check "${filter}" matches no check of ${id}; its checks: ${names.map((n) => `"${n}"`).join(', ')}`,
  stillRunning: (check: string, seconds: number, limit: number) =>
    `… still running "${check}" after ${seconds} s: a call of your code is stopped after ${limit} s (Ctrl-C stops now)`,
  notRunAfterTimeout: (seconds: number) =>
    `not run: a call of your code did not return within ${seconds} s in an earlier check (an endless loop?); fix it and run again`,
  // The summary of a run.
  failingSummary: (failed: number, total: number) =>
    total === 1 ? 'the exercise fails' : `${failed} of ${total} exercises failing`,
  replay: 'replay exactly',
  allPass: (n: number, id: string) =>
    n === 1 ? `${id} passes` : n === 2 ? 'both exercises pass' : `all ${n} exercises pass`,
  ranChecksAllPass: 'every check that ran passes',
  onlySomeChecks: 'only some checks ran (--check): nothing is recorded as passing',
  noTypecheck: 'the type check was skipped (--no-typecheck): nothing is recorded as passing',
  checkpoint: (n: number, title: string) => `Checkpoint reached: chapter ${n} (${title}) passes completely.`,
  next: 'next',
  courseComplete: 'every exercise passes: the course is complete.',
  knownMistake: 'this looks like a known mistake',
  knownMistakes: 'this looks like one of these known mistakes',
  seeNotes: (section: string) => `see the notes: ${section}`,
  hintAvailable: (id: string) => `stuck? npm run hint -- ${id}`,
  // progress
  progressOf: (dir: string) => `progress of ${dir}/`,
  checkingChanged: (n: number, ids: string[]) =>
    `checking ${plural(n, 'exercise')} changed since the last run: ${ids.join(', ')}…`,
  statusPassing: '✓ passing',
  statusFailing: '✗ failing',
  statusNotStarted: '· not started',
  statusMissing: '? file missing',
  statusChanged: '~ changed since its last run',
  statusUnverified: '~ passed without the type check: run its checks again',
  checksOf: (passed: number, total: number) => `(${passed} of ${total} checks)`,
  chapter: (n: number, title: string) => `Chapter ${n} · ${title}`,
  coming: 'coming',
  checkpointReached: 'checkpoint reached',
  nextLine: (id: string, title: string, task: string) =>
    `next: ${id} · ${title}  (task: ${task}; run: npm test -- ${id})`,
  pageWritten: (file: string) => `progress page: ${file}`,
  // hint
  hint: (n: number, total: number) => `hint ${n} of ${total}`,
  noHints: (id: string) => `${id} has no hints yet; its task is the best guide`,
  allHintsShown: (total: number, id: string) =>
    `all ${total} hints of ${id} are shown above; npm run hint -- ${id} --reset starts again`,
  hintsReset: (id: string) => `hints of ${id} start again from the first`,
  // reset and solution
  resetDone: (file: string, backup: string) => `${file} is the stub again; your file was kept as ${backup}`,
  alreadyStub: (file: string) => `${file} is already the untouched stub: nothing to reset`,
  noStub: (id: string) => `${id} has no stub in this copy of the course`,
  solutionLocked: (id: string) =>
    `the model solution of ${id} is shown once your own passes its checks: npm test -- ${id}`,
  noSolutions: 'this copy of the course holds no model solutions (a class hand-out)',
  // watch
  watching: (files: string) => `watching ${files}: every save runs the checks again (Ctrl-C stops)`,
  firstFailure: 'first failing check',
  allChecksPass: (id: string, n: number) => `${id}: all ${n} checks pass`,
};

export type Messages = typeof en;

const zh: Messages = {
  header: (backend, seed) => `d2l-ts · 后端 ${backend} · 随机种子 ${seed}`,
  notImplemented: (message, task) => `${message}；题目见 ${task}`,
  sameFailure: '（与上面的失败相同）',
  yourCodePrinted: '你的代码输出：',
  compiles: '能编译',
  loads: '能加载',
  loadFailed: (why) => `加载文件失败：${why}`,
  noTypeErrors: '没有类型错误',
  passes: '通过',
  ranChecksPass: '通过了运行的检查',
  fails: '未通过',
  doesNotCompile: '无法编译，所以没有运行任何检查',
  doesNotLoad: '无法加载，所以没有运行任何检查',
  checksPass: (passed, ran) => `${ran} 项检查中通过 ${passed} 项`,
  withTypeErrors: '，但文件有类型错误',
  strengthShort: (checks, mutants, all) =>
    `${checks} 项检查 · 已知错误答案 ${mutants} 个，${all ? '全部' : '未全部'}被拒绝`,
  strength: (checks, mutants, all) =>
    `这 ${checks} 项检查${all ? '能拒绝' : '能拒绝部分'}本练习已知的 ${mutants} 个错误答案${all ? '中的每一个' : ''}（docs/honesty.md）`,
  notRun: (skipped, total, filter) => `（--check "${filter}"：${total} 项检查中 ${skipped} 项未运行）`,
  allRanForLeaks: (filter) => `--check "${filter}" 只选中了评判其他检查调用的检查，所以运行全部检查`,
  matchesNoCheck: (filter, id, names) =>
    `--check "${filter}" 与 ${id} 的任何检查都不匹配；它的检查有：${names.map((n) => `"${n}"`).join('、')}`,
  stillRunning: (check, seconds, limit) =>
    `… "${check}" 已运行 ${seconds} 秒：你的代码的一次调用超过 ${limit} 秒会被停止（按 Ctrl-C 立即停止）`,
  notRunAfterTimeout: (seconds) =>
    `未运行：前面的检查中，你的代码有一次调用在 ${seconds} 秒内没有返回（死循环？）；修正后再运行`,
  failingSummary: (failed, total) => (total === 1 ? '练习未通过' : `${total} 个练习中 ${failed} 个未通过`),
  replay: '精确重现',
  allPass: (n, id) => (n === 1 ? `${id} 通过` : `${n} 个练习全部通过`),
  ranChecksAllPass: '运行的检查全部通过',
  onlySomeChecks: '只运行了部分检查（--check）：不记录为通过',
  noTypecheck: '跳过了类型检查（--no-typecheck）：不记录为通过',
  checkpoint: (n, title) => `到达检查点：第 ${n} 章（${title}）全部通过。`,
  next: '下一个',
  courseComplete: '所有练习都已通过：课程完成。',
  knownMistake: '这看起来是一个常见错误',
  knownMistakes: '这看起来是以下常见错误之一',
  seeNotes: (section) => `参见笔记：${section}`,
  hintAvailable: (id) => `卡住了？npm run hint -- ${id}`,
  progressOf: (dir) => `${dir}/ 的进度`,
  checkingChanged: (n, ids) => `正在检查上次运行后改动过的 ${n} 个练习：${ids.join('、')}…`,
  statusPassing: '✓ 通过',
  statusFailing: '✗ 未通过',
  statusNotStarted: '· 未开始',
  statusMissing: '? 文件缺失',
  statusChanged: '~ 上次运行后有改动',
  statusUnverified: '~ 通过时跳过了类型检查：请再运行一次检查',
  checksOf: (passed, total) => `（${total} 项检查中通过 ${passed} 项）`,
  chapter: (n, title) => `第 ${n} 章 · ${title}`,
  coming: '即将推出',
  checkpointReached: '到达检查点',
  nextLine: (id, title, task) => `下一个：${id} · ${title}（题目：${task}；运行：npm test -- ${id}）`,
  pageWritten: (file) => `进度页面：${file}`,
  hint: (n, total) => `提示 ${n} / ${total}`,
  noHints: (id) => `${id} 还没有提示；请参考题目`,
  allHintsShown: (total, id) => `${id} 的 ${total} 条提示都已显示；npm run hint -- ${id} --reset 可以从头开始`,
  hintsReset: (id) => `${id} 的提示将从第一条重新开始`,
  resetDone: (file, backup) => `${file} 已恢复为初始代码；你的文件已备份为 ${backup}`,
  alreadyStub: (file) => `${file} 已经是未改动的初始代码：无需恢复`,
  noStub: (id) => `这份课程副本中没有 ${id} 的初始代码`,
  solutionLocked: (id) => `${id} 的参考答案要在你自己的代码通过检查后才显示：npm test -- ${id}`,
  noSolutions: '这份课程副本不含参考答案（课堂分发版）',
  watching: (files) => `正在监视 ${files}：每次保存都会重新运行检查（按 Ctrl-C 停止）`,
  firstFailure: '第一个未通过的检查',
  allChecksPass: (id, n) => `${id}：全部 ${n} 项检查通过`,
};

const catalogues: Record<Lang, Messages> = { en, zh };

/** The language chosen for this process (see language.ts). */
export const lang: Lang = languageOf();

/** The messages in this process's language. */
export const m: Messages = catalogues[lang];

/** The messages of a given language (tests, and pages written for another reader). */
export const messagesFor = (l: Lang): Messages => catalogues[l];
