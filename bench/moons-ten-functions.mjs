// A lower bound for the moons MLP's warm-up: the same model (Linear(2, 16)-ReLU-Linear(16, 2), cross
// entropy, Adam(0.01), 800 points) written as about ten plain functions on a define-by-run tape, with
// JavaScript loops and no library. Its epochs 40–240 cost little more than its steady state, because V8
// has few functions to compile; @dl's cost in that window follows the ~280 functions an epoch runs
// (bench/README.md, "The warm-up's compilation"). The arithmetic here is slower than @dl's kernels:
// compare each implementation's window with its own steady state, not the two absolute figures.
//
//   node bench/moons-ten-functions.mjs     (Linux: the main thread's CPU from /proc)
import { readFileSync } from 'node:fs';

let tape = [];

/** A value of the tape: data, shape, its gradient once backward has run, and how to pass gradients back. */
class Value {
  constructor(data, shape) {
    this.data = data;
    this.shape = shape;
    this.grad = null;
    this.back = null;
    this.inputs = null;
  }
}

function record(output, inputs, back) {
  output.inputs = inputs;
  output.back = back;
  tape.push(output);
  return output;
}

/** y = x·wᵀ + b for x [n, k], w [m, k], b [m]. */
function linear(x, w, b) {
  const [n, k] = x.shape;
  const m = w.shape[0];
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let sum = b.data[j];
      for (let p = 0; p < k; p++) sum += x.data[i * k + p] * w.data[j * k + p];
      out[i * m + j] = sum;
    }
  return record(new Value(out, [n, m]), [x, w, b], (g) => {
    const gx = new Float32Array(n * k);
    const gw = new Float32Array(m * k);
    const gb = new Float32Array(m);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        const gij = g[i * m + j];
        gb[j] += gij;
        for (let p = 0; p < k; p++) {
          gx[i * k + p] += gij * w.data[j * k + p];
          gw[j * k + p] += gij * x.data[i * k + p];
        }
      }
    return [gx, gw, gb];
  });
}

function relu(x) {
  const out = x.data.map((value) => Math.max(value, 0));
  return record(new Value(out, x.shape), [x], (g) => [g.map((value, i) => (x.data[i] > 0 ? value : 0))]);
}

/** The mean of −log softmax(x)[target] over the rows. */
function crossEntropy(x, target) {
  const [n, c] = x.shape;
  const logProbabilities = new Float32Array(n * c);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let largest = -Infinity;
    for (let j = 0; j < c; j++) largest = Math.max(largest, x.data[i * c + j]);
    let sum = 0;
    for (let j = 0; j < c; j++) sum += Math.exp(x.data[i * c + j] - largest);
    const logSum = Math.log(sum) + largest;
    for (let j = 0; j < c; j++) logProbabilities[i * c + j] = x.data[i * c + j] - logSum;
    loss -= logProbabilities[i * c + target[i]];
  }
  return record(new Value(new Float32Array([loss / n]), []), [x], (g) => {
    const gx = new Float32Array(n * c);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < c; j++) gx[i * c + j] = ((Math.exp(logProbabilities[i * c + j]) - (j === target[i] ? 1 : 0)) * g[0]) / n;
    return [gx];
  });
}

/** The tape in reverse, gradients summed into each input. */
function backward(loss) {
  loss.grad = new Float32Array([1]);
  for (let index = tape.length - 1; index >= 0; index--) {
    const node = tape[index];
    const gradients = node.back(node.grad);
    node.inputs.forEach((input, position) => {
      if (input.grad === null) input.grad = gradients[position];
      else for (let i = 0; i < input.grad.length; i++) input.grad[i] += gradients[position][i];
    });
  }
  tape = [];
}

class Adam {
  constructor(parameters, lr) {
    this.parameters = parameters;
    this.lr = lr;
    this.step = 0;
    this.m = parameters.map((p) => new Float32Array(p.data.length));
    this.v = parameters.map((p) => new Float32Array(p.data.length));
  }
  update() {
    this.step++;
    const [beta1, beta2] = [0.9, 0.999];
    const [correction1, correction2] = [1 - beta1 ** this.step, 1 - beta2 ** this.step];
    this.parameters.forEach((parameter, k) => {
      const [p, g, m, v] = [parameter.data, parameter.grad, this.m[k], this.v[k]];
      for (let i = 0; i < p.length; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        p[i] -= (this.lr * (m[i] / correction1)) / (Math.sqrt(v[i] / correction2) + 1e-8);
      }
      parameter.grad = null;
    });
  }
}

// two interleaved quadrants as the classes (the distribution does not matter for the timing)
let seed = 1;
const uniform = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const n = 800;
const points = new Float32Array(n * 2);
const labels = new Int32Array(n);
for (let i = 0; i < n; i++) {
  points[2 * i] = uniform() * 2 - 1;
  points[2 * i + 1] = uniform() * 2 - 1;
  labels[i] = points[2 * i] * points[2 * i + 1] > 0 ? 1 : 0;
}
const x = new Value(points, [n, 2]);
const parameter = (shape) =>
  new Value(
    Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => uniform() - 0.5),
    shape,
  );
const [w1, b1, w2, b2] = [parameter([16, 2]), parameter([16]), parameter([2, 16]), parameter([2])];
const optimizer = new Adam([w1, b1, w2, b2], 0.01);

function epoch() {
  const loss = crossEntropy(linear(relu(linear(x, w1, b1)), w2, b2), labels);
  backward(loss);
  optimizer.update();
  return loss.data[0];
}

const mainThread = () => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
const processCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const boundaries = [0, 40, 240, 1000, 3000];
for (let window = 1; window < boundaries.length; window++) {
  const epochs = boundaries[window] - boundaries[window - 1];
  const [wall, cpu, main] = [performance.now(), processCpu(), mainThread()];
  for (let i = 0; i < epochs; i++) epoch();
  const per = (value) => (value / epochs).toFixed(3);
  console.log(
    `epochs ${boundaries[window - 1]}–${boundaries[window]}: wall ${per(performance.now() - wall)}, process CPU ${per(processCpu() - cpu)}, main thread ${per(mainThread() - main)} ms per epoch`,
  );
}
