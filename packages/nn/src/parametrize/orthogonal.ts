import { cat, describeValue, eye, isTensor, keep, noGrad, randn, type Tensor, where, withDefaults, zeros } from '@dl/tensor';
import { isModule, Module } from '../module/module.js';
import { householderQr } from './householder-qr.js';
import { isOrthogonal, makeOrthogonal, type OrthogonalMap, orthogonalFromTall } from './orthogonal-maps.js';
import { registerParametrization } from './register.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export type { OrthogonalMap } from './orthogonal-maps.js';

const owner = 'parametrizations.orthogonal';

/** Options of `parametrizations.orthogonal`. */
export interface OrthogonalOptions {
  /**
   * The map from the unconstrained matrix to an orthogonal one: 'matrixExp' (also spelled 'matrix_exp'),
   * 'cayley' or 'householder'. Default 'matrixExp' for a square matrix, 'householder' otherwise (torch's).
   */
  orthogonalMap?: OrthogonalMap | 'matrix_exp';
  /**
   * Keep the orthogonal matrix the map's output is multiplied by as the buffer `base` (torch's dynamic
   * trivialization): the unconstrained tensor starts at −I and `base` at the initial weight. Default true.
   */
  useTrivialization?: boolean;
}

const maps: Readonly<Record<string, OrthogonalMap>> = {
  matrixExp: 'matrixExp',
  matrix_exp: 'matrixExp',
  cayley: 'cayley',
  householder: 'householder',
};

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * The orthogonal parametrization (torch's `_Orthogonal`) of a matrix or batch of matrices [*, m, n]: a
 * wide matrix (m < n) is handled as its transpose, so Q has orthonormal columns when m ≥ n and
 * orthonormal rows otherwise. With the trivialization, Q = base · map(X), `base` an n × n orthogonal
 * buffer (n the larger side) that only `rightInverse` changes.
 */
export class Orthogonal extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  /** The shape of the parametrized tensor. */
  readonly shape: readonly number[];
  readonly orthogonalMap: OrthogonalMap;
  readonly useTrivialization: boolean;
  /**
   * False while `parametrizations.orthogonal` registers it: torch's registration passes over a right
   * inverse that raises NotImplementedError (matrixExp and cayley without the trivialization), keeping
   * the original as it is, while an assignment `module.weight = value` raises it.
   */
  private registered = false;

  constructor(weight: Tensor, orthogonalMap: OrthogonalMap, useTrivialization: boolean) {
    super();
    this.shape = [...weight.shape];
    this.orthogonalMap = orthogonalMap;
    this.useTrivialization = useTrivialization;
    if (useTrivialization) this.registerBuffer('base', null);
  }

  /** Called by `parametrizations.orthogonal` once the parametrization is registered. */
  finishRegistration(): void {
    this.registered = true;
  }

  forward(x: Tensor): Tensor {
    const transposed = x.shape[x.ndim - 2]! < x.shape[x.ndim - 1]!;
    let q = orthogonalFromTall(transposed ? x.transpose(-2, -1) : x, this.orthogonalMap);
    if (this.useTrivialization) {
      const base = this.getField('base') as Tensor | null;
      // torch fails too (None @ Q): only a first registration, or an assignment, sets the base
      if (!base)
        throw new Error(
          `${owner}: the trivialization's base is not set; it is set when the orthogonal parametrization is the first one registered on the tensor, or by assigning an orthogonal value to it`,
        );
      q = base.matmul(q);
    }
    return transposed ? q.transpose(-2, -1) : q;
  }

  /**
   * An unconstrained tensor whose parametrized value is `value` (torch's `right_inverse`), for the
   * registration and for an assignment `module[name] = value`. With the trivialization, `base` takes
   * `value` (square and orthogonal: as it is; otherwise orthogonalised by QR with R's diagonal
   * positive, a tall value first completed to n × n with N(0, 1) columns) and the unconstrained tensor is
   * −I, which every map sends to the first columns of I. Without it, householder keeps the reflectors of
   * value's QR with R's diagonal signs on the diagonal (so the value is orthogonalised); matrixExp and
   * cayley have no inverse.
   */
  rightInverse(value: Tensor): Tensor {
    const sameShape = value.ndim === this.shape.length && value.shape.every((extent, axis) => extent === this.shape[axis]);
    if (!sameShape)
      throw new Error(
        `${owner}: Expected a matrix or batch of matrices of shape ${formatShape(this.shape)}. Got a tensor of shape ${formatShape(value.shape)}.`,
      );
    return noGrad(() => {
      const rows = value.shape[value.ndim - 2]!;
      const columns = value.shape[value.ndim - 1]!;
      const transposed = rows < columns;
      const tall = transposed ? value.transpose(-2, -1) : value;
      if (!this.useTrivialization) {
        if (this.orthogonalMap !== 'householder') {
          if (!this.registered) return value;
          throw new Error(
            `${owner}: It is not possible to assign to the matrix exponential or the Cayley parametrizations when useTrivialization=false.`,
          );
        }
        const unconstrained = householderDiagonalSigns(tall);
        // contiguous: it becomes the original's data, which optimizers update in place
        return transposed ? unconstrained.transpose(-2, -1).contiguous() : unconstrained;
      }
      this.registerBuffer('base', keep(trivializationBase(tall)));
      // −I of value's shape: a fresh tensor, as it becomes the original's data
      const factory = { dtype: value.dtype, device: value.device };
      return zeros(value.shape, factory).sub(eye(rows, columns, factory));
    });
  }
}

/**
 * Without the trivialization, householder's unconstrained tensor for a tall Q: geqrf's compact QR,
 * whose diagonal becomes sign(R_jj), negated where there was no reflection (τ_j = 0), since the forward
 * map always reflects (τ_j = 2/‖v_j‖² ≠ 0). The strict upper triangle keeps R's entries, which the
 * forward map does not read.
 */
function householderDiagonalSigns(tall: Tensor): Tensor {
  const { packed, tau } = householderQr(tall);
  const [rows, columns] = tall.shape.slice(-2) as [number, number];
  // 1 − 2·[τ = 0]: −1 where there was no reflection
  const flips = tau.eq(0).to(tall.dtype).mul(-2).add(1);
  const signs = packed.diagonal(0, -2, -1).sign().mul(flips);
  // entry (j, j) takes signs[j]: the column's sign broadcast down the rows, kept on the diagonal only
  const onDiagonal = eye(rows, columns, { dtype: 'bool', device: tall.device });
  return where(onDiagonal, signs.unsqueeze(-2), packed);
}

/** The trivialization's orthogonal base [*, n, n] for a tall Q [*, n, k]. */
function trivializationBase(tall: Tensor): Tensor {
  const rows = tall.shape[tall.ndim - 2]!;
  const columns = tall.shape[tall.ndim - 1]!;
  if (rows === columns) return isOrthogonal(tall) ? tall.clone() : makeOrthogonal(tall);
  const completion = randn([...tall.shape.slice(0, -2), rows, rows - columns], { dtype: tall.dtype, device: tall.device });
  return makeOrthogonal(cat([tall, completion], -1));
}

/**
 * Makes the matrix (or batch of matrices) `name` of `module` orthogonal (torch 1.13's
 * `torch.nn.utils.parametrizations.orthogonal`): a parametrization registered with
 * `parametrize.registerParametrization` (unsafe), so `module[name]` is recomputed from
 * `module.parametrizations[name].original` on every read and training the original keeps Q orthogonal:
 * QᵀQ = I for a tall or square Q [*, m, n] (m ≥ n), QQᵀ = I for a wide one. The maps are 'matrixExp'
 * and 'cayley' (of a skew-symmetric matrix) and 'householder' (a product of reflections). With
 * `useTrivialization` (the default) the initial weight is kept if it is orthogonal, orthogonalised by
 * QR otherwise, and stored as the buffer `parametrizations.<name>.0.base`; the original starts at −I.
 * Without it, 'householder' orthogonalises the initial weight the same way and the other maps keep the
 * original as it was (their weight is then map(original)). State-dict names are torch's. Returns the
 * module.
 * @example
 * const layer = parametrizations.orthogonal(new Linear(20, 40));
 * const q = layer.weight; // [40, 20], qᵀq = I
 * Object.keys(layer.stateDict()); // ['bias', 'parametrizations.weight.original', 'parametrizations.weight.0.base']
 */
export function orthogonal<M extends Module>(module: M, name = 'weight', options?: OrthogonalOptions): M {
  const { orthogonalMap, useTrivialization } = withDefaults<OrthogonalOptions>(owner, options, {
    orthogonalMap: undefined,
    useTrivialization: true,
  });
  if (!isModule(module)) throw new Error(`${owner}: expected a Module, got ${describeValue(module)}`);
  if (typeof name !== 'string') throw new Error(`${owner}: name must be a string, got ${describeValue(name)}`);
  if (typeof useTrivialization !== 'boolean')
    throw new Error(`${owner}: useTrivialization must be true or false, got ${describeValue(useTrivialization)}`);
  const weight = (module as unknown as Record<string, unknown>)[name];
  if (!isTensor(weight)) throw new Error(`${owner}: Module '${module.constructor.name}' has no parameter or buffer with name '${name}'`);
  if (weight.ndim < 2) throw new Error(`${owner}: Expected a matrix or batch of matrices. Got a tensor of ${weight.ndim} dimensions.`);
  const square = weight.shape[weight.ndim - 2] === weight.shape[weight.ndim - 1];
  const chosen = orthogonalMap ?? (square ? 'matrixExp' : 'householder');
  const map = typeof chosen === 'string' && Object.hasOwn(maps, chosen) ? maps[chosen]! : undefined;
  if (!map)
    throw new Error(
      `${owner}: orthogonalMap has to be one of "matrix_exp", "cayley", "householder". Got: ${typeof chosen === 'string' ? chosen : describeValue(chosen)}`,
    );
  const parametrization = new Orthogonal(weight, map, useTrivialization!);
  registerParametrization(module, name, parametrization, { unsafe: true });
  parametrization.finishRegistration();
  return module;
}
