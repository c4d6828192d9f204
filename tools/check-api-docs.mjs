// Checks the generated API reference (docs/api/api.json, written by `pnpm run docs`): every option of
// every layer, loss, optimizer and scheduler of @dl/nn, of backward() and of the creation functions
// has a description that states its default (issue #14). Lists what is missing and exits 1.
import { readFileSync } from 'node:fs';

const api = JSON.parse(readFileSync(new URL('../docs/api/api.json', import.meta.url), 'utf8'));
const checked = /^(.*Options|BackwardOptions)$/;
// option interfaces of the packages the issue names; zoo models and data generators are not in scope
const packages = new Set(['@dl/nn', '@dl/tensor']);
const excluded = new Set([
  'LeNet5Options',
  'VGGOptions',
  'AdamStepOptions',
  'GradcheckOptions',
  'PoolOptions',
  'Conv2dOptions@@dl/tensor',
  'GradOptions',
]);
const missing = [];

function text(comment) {
  return (comment?.summary ?? []).map((part) => part.text).join('') + (comment?.blockTags ?? []).map((tag) => tag.tag).join(' ');
}

function visit(node, module) {
  const inModule = node.kind === 2 ? node.name : module;
  if (
    node.kind === 256 &&
    checked.test(node.name) &&
    packages.has(inModule) &&
    !excluded.has(node.name) &&
    !excluded.has(`${node.name}@${inModule}`)
  )
    for (const property of node.children ?? []) {
      const description = text(property.comment ?? property.getSignature?.comment);
      if (!/default|required/i.test(description))
        missing.push(`${inModule}: ${node.name}.${property.name}${description ? '' : ' (no description)'}`);
    }
  for (const child of node.children ?? []) visit(child, inModule);
}

visit(api, '');
if (missing.length > 0) {
  console.error(`API reference: ${missing.length} options without a stated default:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log('API reference: every option of @dl/nn and @dl/tensor states its default');
