/**
 * The language of the CLI's own words: D2L_LANG (en or zh) when set, else a Chinese system locale
 * (LC_ALL, LC_MESSAGES or LANG starting with zh, as POSIX orders them), else English.
 */
export type Lang = 'en' | 'zh';

export function languageOf(env: NodeJS.ProcessEnv = process.env): Lang {
  const chosen = env.D2L_LANG?.trim().toLowerCase();
  if (chosen) return chosen.startsWith('zh') ? 'zh' : 'en';
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
