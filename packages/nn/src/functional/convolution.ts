export { conv1d, conv2d, convTranspose1d, convTranspose2d, type Conv2dOptions } from '@dl/tensor';
