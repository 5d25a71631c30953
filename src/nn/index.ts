// torch.nn: modules, and the functional namespace.
export * as functional from './functional.js';
export { Module, Linear, ReLU, Sigmoid, Sequential } from './modules.js';
export { Conv1d, Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, type ConvModuleOptions } from './modules.js'; // convolution and pooling
