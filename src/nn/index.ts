// torch.nn: modules, and the functional namespace.
export * as functional from './functional.js';
export { Module, Linear, ReLU, Sigmoid, Sequential } from './modules.js';
