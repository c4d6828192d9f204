import { tensor, type Tensor } from '@dl/tensor';
import { readLabels, uniqueSorted } from './labels.js';

/**
 * Maps labels to 0..k−1 in sorted order of the classes (scikit-learn's `LabelEncoder`).
 * @example
 * const encoder = new LabelEncoder().fit(['cat', 'dog', 'cat']);
 * encoder.transform(['dog', 'cat']); // tensor([1, 0]) int32
 * encoder.inverseTransform(tensor([1])); // ['dog']
 */
export class LabelEncoder<Label extends number | string = number | string> {
  classes: Label[] | null = null;
  private index = new Map<Label, number>();

  fit(labels: Tensor | ArrayLike<Label>): this {
    this.classes = uniqueSorted(readLabels(labels as ArrayLike<number | string>)) as Label[];
    this.index = new Map(this.classes.map((label, position) => [label, position]));
    return this;
  }

  transform(labels: Tensor | ArrayLike<Label>): Tensor {
    if (!this.classes) throw new Error('LabelEncoder.transform: this LabelEncoder instance is not fitted yet; call fit first');
    const codes = readLabels(labels as ArrayLike<number | string>).map((label) => {
      const code = this.index.get(label as Label);
      if (code === undefined) throw new Error(`LabelEncoder.transform: y contains previously unseen label ${JSON.stringify(label)}`);
      return code;
    });
    return tensor(Int32Array.from(codes));
  }

  fitTransform(labels: Tensor | ArrayLike<Label>): Tensor {
    return this.fit(labels).transform(labels);
  }

  inverseTransform(codes: Tensor | ArrayLike<number>): Label[] {
    const classes = this.classes;
    if (!classes) throw new Error('LabelEncoder.inverseTransform: this LabelEncoder instance is not fitted yet; call fit first');
    return readLabels(codes).map((code) => {
      const label = classes[code as number];
      if (label === undefined) throw new Error(`LabelEncoder.inverseTransform: y contains previously unseen labels: ${code}`);
      return label;
    });
  }
}
