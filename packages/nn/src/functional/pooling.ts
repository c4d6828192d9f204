export { maxPool2d, avgPool2d, adaptiveAvgPool2d, type PoolOptions } from '@dl/tensor';
