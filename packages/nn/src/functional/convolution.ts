export { conv1d, conv2d, convTranspose2d, type Conv2dOptions } from '@dl/tensor';
