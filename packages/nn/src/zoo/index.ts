export { LeNet5, type LeNet5Options } from './lenet5.js';
export { AlexNet } from './alexnet.js';
export { VGG, vgg11, vgg16, vggConfigurations, type VGGOptions } from './vgg.js';
export { BasicBlock, ResNet, resnet18, resnet34 } from './resnet.js';
export { BasicConv2d, Inception } from './inception.js';
export { DenseLayer, DenseBlock, Transition, DenseNet, densenet121 } from './densenet.js';
