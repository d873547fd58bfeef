import { exerciseSuite } from './exercise-suite';

for (const id of ['05-softmax']) exerciseSuite(id);
