import { describe, expect, it } from 'vitest';
import { cpuBackend, memory, registerBackend, tensor, zeros, type Tensor } from '@dl/tensor';
import { expectClose, readFixture, type FixtureTensor } from '../../test/helpers/nn-fixtures.js';
import { Sequential } from '../containers/sequential.js';
import { Linear } from '../layers/linear.js';
import { parametersToVector, vectorToParameters } from './parameters-vector.js';

/** Written by tools/fixtures/nn_parameters_vector_reference.py (PyTorch 1.13, float64). */
const fixture = readFixture<{
  parameters: FixtureTensor[];
  vector: FixtureTensor;
  upstream: FixtureTensor;
  gradients: FixtureTensor[];
  replacement: FixtureTensor;
  after: FixtureTensor[];
}>('nn_parameters_vector.json');

const float64 = (value: FixtureTensor, requiresGrad = false) => tensor(value.data, { shape: value.shape, dtype: 'float64', requiresGrad });
const parameters = () => fixture.parameters.map((parameter) => float64(parameter, true));

describe('parametersToVector and vectorToParameters', () => {
  it('flatten and join the parameters in order, differentiably, as torch', () => {
    const list = parameters();
    const vector = parametersToVector(list);
    expectClose(vector, fixture.vector, 'vector', 1e-12, 1e-12);
    vector.mul(float64(fixture.upstream)).sum().backward();
    list.forEach((parameter, index) => expectClose(parameter.grad, fixture.gradients[index]!, `gradient ${index}`, 1e-12, 1e-12));
  });

  it('write a vector back into the parameters in place, keeping their identity', () => {
    const list = parameters();
    const identities = [...list];
    vectorToParameters(float64(fixture.replacement), list);
    list.forEach((parameter, index) => {
      expect(parameter).toBe(identities[index]);
      expect(parameter.requiresGrad).toBe(true);
      expectClose(parameter, fixture.after[index]!, `parameter ${index}`, 1e-12, 1e-12);
    });
  });

  it('round-trip a model’s parameters, from any iterable, and free their temporaries', () => {
    const model = new Sequential(new Linear(3, 2), new Linear(2, 1));
    const vector = parametersToVector(model.parameters());
    expect(vector.shape).toEqual([3 * 2 + 2 + 2 * 1 + 1]);
    const doubled = vector.detach().mul(2);
    const before = memory().cpu!.liveTensors;
    vectorToParameters(doubled, model.parameters());
    expect(memory().cpu!.liveTensors).toBe(before);
    expect(Array.from(parametersToVector(model.parameters()).dataSync())).toEqual(Array.from(vector.dataSync(), (value) => value * 2));
  });

  it('throw clear errors: not a 1-D tensor, a length mismatch, mixed devices, no parameters', () => {
    const list: Tensor[] = [zeros([2, 2], { requiresGrad: true }), zeros([3], { requiresGrad: true })];
    expect(() => vectorToParameters(zeros([7, 1]), list)).toThrow('vectorToParameters: expected a 1-D vector, got shape [7, 1]');
    expect(() => vectorToParameters(zeros([6]), list)).toThrow(
      'vectorToParameters: the vector has 6 elements but the parameters have 7 in all',
    );
    expect(() => vectorToParameters(zeros([8]), list)).toThrow(
      'vectorToParameters: the vector has 8 elements but the parameters have 7 in all',
    );
    expect(() => vectorToParameters([1, 2] as never, list)).toThrow(/vectorToParameters: expected a Tensor, but got/);
    expect(() => parametersToVector([])).toThrow('parametersToVector: expected at least one parameter, got none');
    registerBackend({ ...cpuBackend, device: 'fake-parameters' });
    const elsewhere = zeros([2], { device: 'fake-parameters' });
    expect(() => parametersToVector([list[0]!, elsewhere])).toThrow(
      "parametersToVector: found two parameters on different devices ('cpu' and 'fake-parameters'), this is currently not supported",
    );
    expect(() => vectorToParameters(zeros([6]), [list[0]!, elsewhere])).toThrow(
      /vectorToParameters: found two parameters on different devices/,
    );
    expect(() => vectorToParameters(zeros([7], { device: 'fake-parameters' }), list)).toThrow(
      "vectorToParameters: the vector is on 'fake-parameters' and the parameters on 'cpu'; move it with .to(device)",
    );
  });
});
