/**
 * A grading worker: a trusted process that grades one submission at a time for the pool
 * (pool.ts), each exercise's grade sent as soon as it is known. Started from its own bundle
 * (like the subject harness), not through the CLI. The student's code runs in a child of this
 * process, in this process's group, so the pool's time limit kills both.
 */
import { gradeStudent, type GradeJob } from './grade-student';

// The orchestrator is gone (it finished, or was interrupted): take this process group down with
// us, the student's process included, instead of grading for nobody.
process.on('disconnect', () => process.kill(0, 'SIGKILL'));
process.on('message', (job: GradeJob) => {
  gradeStudent(job, (grade) => process.send?.({ type: 'exercise', grade }))
    .then((result) => process.send?.({ type: 'result', result }))
    .catch((e: Error) => process.send?.({ type: 'failed', message: e.stack ?? e.message }));
});
process.send?.({ type: 'ready' });
