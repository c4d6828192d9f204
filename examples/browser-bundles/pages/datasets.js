// @dl/datasets: the bundled MNIST subset (train and test) and both text corpora. Vite copies the
// files the package references with `new URL('../data/...', import.meta.url)`; for esbuild and Rollup
// the test copies node_modules/@dl/datasets/data/ next to the page and passes ?dataRoot= (docs/browser.md).
import { loadFortunes, loadMnist, loadSpamAssassin } from '@dl/datasets';
import { pageParameter, report } from './report.js';

const dataRoot = pageParameter('dataRoot');
const folder = (name) => (dataRoot === undefined ? undefined : new URL(`${dataRoot}${name}/`, location.href).href);

report(async () => {
  const mnistRoot = folder('mnist');
  const textRoot = folder('text');
  const rootOption = (root) => (root === undefined ? {} : { root });
  const train = await loadMnist(rootOption(mnistRoot));
  const test = await loadMnist({ ...rootOption(mnistRoot), train: false });
  const fortunes = await loadFortunes(rootOption(textRoot));
  const mails = await loadSpamAssassin(rootOption(textRoot));
  return {
    trainShape: train.images.shape,
    testShape: test.images.shape,
    trainLabelSum: await train.labels.sum().item(),
    testFirstLabels: Array.from((await test.labels.data()).slice(0, 12)),
    pixelRange: [await train.images.min().item(), await train.images.max().item()],
    fortunes: fortunes.length,
    mails: mails.texts.length,
    spam: mails.labels.filter((label) => label === 1).length,
  };
});
