import type { Exercise } from '../lib/checks';
import syntheticData from './01-synthetic-data';
import closedForm from './02-linear-closed-form';
import squaredLossSgd from './03-squared-loss-sgd';
import linregTrain from './04-linear-regression-train';
import softmax from './05-softmax';
import crossEntropy from './06-cross-entropy';
import softmaxTrain from './07-softmax-regression-train';
import activations from './08-activations';
import mlpForward from './09-mlp-forward';
import mlpTrain from './10-mlp-train';
import kfold from './11-kfold';
import weightDecay from './12-weight-decay';
import dropout from './13-dropout';
import autodiff from './14-autodiff';
import mlpBackprop from './15-mlp-backprop';
import lrSchedules from './16-lr-schedules';
import optimizers from './17-optimizers';
import gradClipping from './18-grad-clipping';
import corr2d from './19-corr2d';
import conv2dLayer from './20-conv2d-layer';
import paddingStride from './21-padding-stride';
import convChannels from './22-channels';
import pooling from './23-pooling';
import convBackward from './24-conv-backward';

/** Every implemented exercise, in teaching order. */
export const exercises: Exercise[] = [syntheticData, closedForm, squaredLossSgd, linregTrain, softmax, crossEntropy, softmaxTrain, activations, mlpForward, mlpTrain, kfold, weightDecay, dropout, autodiff, mlpBackprop, lrSchedules, optimizers, gradClipping, corr2d, conv2dLayer, paddingStride, convChannels, pooling, convBackward];
