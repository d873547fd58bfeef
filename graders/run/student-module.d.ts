// Drivers (graders/checks/<id>/driver.ts) import the student's module as 'd2l-ts/student', which the bundler
// resolves to the file under test. tsconfig.json maps no path for it, so it is declared here
// without types; a driver casts it to the API the task promises, typed from reference/ (`student as Pick<typeof Reference, 'gru'>`).
declare module 'd2l-ts/student';
