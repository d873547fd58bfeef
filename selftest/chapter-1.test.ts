import { exerciseSuite } from './exercise-suite';

for (const id of ['01-synthetic-data', '02-linear-closed-form', '03-squared-loss-sgd', '04-linear-regression-train', '05-softmax', '06-cross-entropy', '07-softmax-regression-train']) exerciseSuite(id);
