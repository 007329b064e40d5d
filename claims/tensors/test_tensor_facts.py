"""Document 003 (Chollet-based slides, 2.2-2.3): tensors and tensor operations.

Every statement here is deterministic, so each is an identity claim with one look: the slide's
NumPy snippet (or its formula) is run and compared with an independent reference (NumPy and torch
against each other, float64 arithmetic, exact integer arithmetic). The slides speak of tf.Tensor;
NumPy and torch stand in for it (the dtype facts are checked on torch's float16/bfloat16, which
follow the same IEEE / bfloat16 formats as TensorFlow's). Keras-layer facts of the same slides
(Dense formula, channels-last, the time axis) live in claims/keras/.
"""
import math
import struct

import numpy as np
import torch

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.declaring.vague_words import printed_tolerance

DOC = "003_9348410d8d3ffd8d.txt"
ONE = {p: {"seeds": 1} for p in ("smoke", "ci", "full")}


# ------------------------------------------------------------------ rank = ndim
RANK_CASES = {   # the slides' arrays and the rank table's example shapes -> stated rank
    "np.array(12)": (np.array(12), 0),
    "np.array([12, 3, 6, 14])": (np.array([12, 3, 6, 14]), 1),
    "3x5 matrix": (np.array([[5, 78, 2, 34, 0], [6, 79, 3, 35, 1], [7, 80, 4, 36, 2]]), 2),
    "3x3x5 stack": (np.array([[[5, 78, 2, 34, 0], [6, 79, 3, 35, 1], [7, 80, 4, 36, 2]]] * 3), 3),
    "shape [5]": (np.zeros([5]), 1),
    "shape [3, 4]": (np.zeros([3, 4]), 2),
    "shape [1, 4, 3]": (np.zeros([1, 4, 3]), 3),
}


def rank_errors(ctx):
    errors = []
    for name, (arr, rank) in RANK_CASES.items():
        t = torch.as_tensor(arr)
        # ndim (NumPy), dim() (torch) and len(shape) must all equal the slide's rank
        errors.append(max(abs(arr.ndim - rank), abs(t.dim() - rank), abs(len(arr.shape) - rank)))
        ctx.note(f"shape {name}", list(arr.shape))
    return {"error": errors}


RANK = Claim(
    id="tensor-rank-is-number-of-axes",
    statement="A tensor's rank is its number of axes (ndim): a scalar has 0 axes, a vector 1, a matrix 2 and "
              "a stack of matrices 3, for the slides' NumPy arrays and the rank table's example shapes "
              "[], [5], [3, 4], [1, 4, 3], in NumPy and torch alike.",
    sources=(Source(DOC, "2.2.5 A Tensor in Tensorflow", (240, 250),
                    "The **rank** of a tf.Tensor object is its number of dimensions"),
             Source(DOC, "2.2.1 Scalars (0D tensors)", (304, 318),
                    "a scalar tensor has 0 axes ($\\text{ndim} == 0$)"),
             Source(DOC, "2.2.2 Vectors (1D tensors)", (321, 331),
                    "An array of numbers is called a vector, or 1D tensor"),
             Source(DOC, "2.2.4 3D Tensors and Higher-dimensional Tensors", (352, 368),
                    "If you pack 2D matrices in a new array, you obtain a 3D tensor")),
    kind=Kind.IDENTITY, topic="tensors", metric="|ndim - stated rank| (NumPy ndim, torch dim(), len(shape))",
    direction="holds", tolerance=0.0, experiment=rank_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: all 7 arrays have the stated rank in NumPy and torch",
)


# ------------------------------------------------------------------ one dtype per tensor
def single_dtype_errors(ctx):
    errors = []
    # heterogeneous Python data is promoted to ONE dtype, never stored mixed
    mixed = {"[1, 2.5]": ([1, 2.5], torch.float32), "[True, 2]": ([True, 2], torch.int64),
             "[1, 2.5, 1j]": ([1, 2.5, 1j], torch.complex64)}
    for name, (data, want) in mixed.items():
        t = torch.tensor(data)
        ctx.note(f"torch.tensor({name}).dtype", str(t.dtype))
        errors.append(float(t.dtype != want))
    # type promotion in an operation between two dtypes gives one result dtype
    errors.append(float(torch.cat([torch.tensor([1, 2]), torch.tensor([0.5])]).dtype != torch.float32))
    # a value of another type written into a tensor is converted to the tensor's dtype (2.7 -> 2)
    t = torch.tensor([1, 2, 3])
    t[0] = 2.7
    errors.append(float(t.dtype != torch.int64 or t[0].item() != 2))
    # NumPy: numbers and a string end up as one string dtype
    a = np.array([1, "a"])
    ctx.note("np.array([1, 'a']).dtype", str(a.dtype))
    errors.append(float(a.dtype.kind != "U" or not isinstance(a[0], np.str_)))
    return {"error": errors}


SINGLE_DTYPE = Claim(
    id="tensor-has-one-dtype",
    statement="A tensor has exactly one data type: mixed Python data is promoted to a single dtype "
              "([1, 2.5] -> float32, [True, 2] -> int64), operations between dtypes give one result dtype, "
              "and a value of another type written into a tensor is converted (2.7 -> 2 in an int64 tensor).",
    sources=(Source(DOC, "2.2.5 A Tensor in Tensorflow", (277, 278),
                    "Tensors have a **data type** - It is not possible to have a tf.Tensor with more than one "
                    "data type"),),
    kind=Kind.IDENTITY, topic="tensors", metric="1 per case where a tensor is not of the single expected dtype",
    direction="holds", tolerance=0.0, experiment=single_dtype_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: every case gives one dtype (promotion or conversion)",
)


# ------------------------------------------------------------------ float16 / bfloat16 formats
def _f32_bits(x: float) -> int:
    return struct.unpack("<I", struct.pack("<f", x))[0]


def half_formats_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "values")
    errors = []
    f16, bf16 = torch.finfo(torch.float16), torch.finfo(torch.bfloat16)
    # half precision: IEEE binary16, 10 mantissa bits, max 65504, 70000 overflows to inf
    errors.append(abs(f16.max - 65504.0))
    errors.append(abs(f16.eps - 2.0 ** -10))
    errors.append(float(not math.isinf(torch.tensor(70000.0).to(torch.float16).item())))
    # bfloat16: float32's 8-bit exponent (same range) with 7 mantissa bits
    errors.append(abs(bf16.max / torch.finfo(torch.float32).max - 1) > 0.01)
    errors.append(abs(bf16.eps - 2.0 ** -7))
    # "truncated": a bfloat16 value is the upper 16 bits of the float32 with the same value
    mismatched = 0
    for _ in range(1000):
        x32 = torch.tensor(float(rng.standard_normal() * 10.0 ** int(rng.integers(-20, 20))), dtype=torch.float32)
        b = x32.to(torch.bfloat16)
        back = b.to(torch.float32).item()
        bf_bits = int(b.view(torch.int16).item()) & 0xFFFF
        mismatched += int(bf_bits != (_f32_bits(back) >> 16) or (_f32_bits(back) & 0xFFFF) != 0)
    errors.append(float(mismatched))
    # the conversion itself rounds to nearest (not bit truncation): 1 + 2^-8 + 2^-9 -> 1.0078125
    x = 1 + 2 ** -8 + 2 ** -9
    rounded = torch.tensor(x, dtype=torch.float32).to(torch.bfloat16).item()
    truncated = struct.unpack("<f", struct.pack("<I", _f32_bits(x) & 0xFFFF0000))[0]
    ctx.note("bf16 cast of 1+2^-8+2^-9 (round to nearest)", rounded)
    ctx.note("bit truncation of the same float32", truncated)
    ctx.note("float16 max / bfloat16 max", [f16.max, bf16.max])
    return {"error": [float(e) for e in errors]}


HALF_FORMATS = Claim(
    id="float16-half-and-bfloat16-truncated-formats",
    statement="float16 is IEEE half precision (max 65504, eps 2^-10; 70000 overflows to inf) and bfloat16 is a "
              "16-bit truncated float32: the upper 16 bits of a float32 (same range, ~3.4e38; eps 2^-7).",
    sources=(Source(DOC, "2.2.5 A Tensor in Tensorflow", (280, 283),
                    "`tf.float16` : 16-bit half-precision floating-point. ... `tf.bfloat16` : 16-bit truncated "
                    "floating-point."),),
    kind=Kind.IDENTITY, topic="tensors",
    metric="|format constant - stated|; count of 1,000 random bfloat16 values that are not a float32's upper 16 bits",
    direction="holds", tolerance=0.0, experiment=half_formats_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: float16 max 65504, eps 2^-10, 7e4 -> inf; bfloat16 max 3.39e38, eps 2^-7; 0 of 1,000 "
                  "values differ from their float32's upper half",
    notes="'Truncated' describes the format. torch's float32 -> bfloat16 cast rounds to nearest even rather than "
          "truncating bits (1 + 2^-8 + 2^-9 becomes 1.0078125, bit truncation gives 1.0): both numbers are noted.",
)


# ------------------------------------------------------------------ the 5D video tensor
def video_errors(ctx):
    frames = 60 * 4
    shape = (4, frames, 144, 256, 3)
    # numel from a meta tensor (no allocation), checked against exact integer arithmetic
    numel = torch.empty(shape, dtype=torch.float32, device="meta").numel()
    nbytes = numel * torch.tensor([], dtype=torch.float32).element_size()
    mib, mb = nbytes / 2 ** 20, nbytes / 1e6
    ctx.note("bytes", nbytes)
    ctx.note("MiB (2^20 bytes)", mib)
    ctx.note("MB (10^6 bytes)", mb)
    ctx.note("ndim", len(shape))
    return {"error": [abs(frames - 240), abs(numel - 106_168_320), abs(math.prod(shape) - numel),
                      abs(len(shape) - 5), abs(mib - 405)],
            "mib": [mib], "decimal_mb": [mb]}


VIDEO = Claim(
    id="video-batch-5d-tensor-size",
    statement="A batch of four 60-second 144x256 colour clips at 4 frames per second is a 5D tensor of shape "
              "(4, 240, 144, 256, 3): 106,168,320 values, 405 MB in float32 (MB read as 2^20 bytes).",
    sources=(Source(DOC, "2.2.12 Video Data", (470, 473),
                    "A 60-second, 144×256 YouTube video clip sampled at 4 frames per second would have 240 frames "
                    "- A batch of four such video clips would be stored in a tensor of shape (4, 240, 144, 256, 3) "
                    "- That's a total of 106,168,320 values! - If the dtype of the tensor was float32, then each "
                    "value would be stored in 32 bits, so the tensor would represent 405 MB"),),
    kind=Kind.IDENTITY, topic="tensors", metric="|computed - printed| for frames, values, rank, MiB",
    direction="holds", tolerance=printed_tolerance("405"), experiment=video_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: 240 frames, 106,168,320 values, 424,673,280 bytes = 405.0 MiB (424.7 decimal MB)",
    document_figures={"values": 106_168_320, "MB": 405},
    notes="405 is the size in MiB; in decimal megabytes it would be 424.7. Tolerance: half a unit of the printed 405.",
)


# ------------------------------------------------------------------ element-wise ops: naive loops
def naive_relu(x):
    """The slide's code, verbatim apart from the arrows."""
    assert len(x.shape) == 2
    x = x.copy()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            x[i, j] = max(x[i, j], 0)
    return x


def naive_add(x, y):
    """The book's companion loop (Listing 2.3.1) for element-wise addition."""
    assert len(x.shape) == 2
    assert x.shape == y.shape
    x = x.copy()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            x[i, j] += y[i, j]
    return x


def elementwise_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "arrays")
    errors = []
    for _ in range(20):
        x = rng.standard_normal((int(rng.integers(1, 40)), int(rng.integers(1, 40))))
        y = rng.standard_normal(x.shape)
        x_before = x.copy()
        r = naive_relu(x)
        errors.append(float(np.abs(r - np.maximum(x, 0.)).max()))
        errors.append(float(np.abs(r - torch.relu(torch.as_tensor(x)).numpy()).max()))
        errors.append(float(np.abs(naive_add(x, y) - (x + y)).max()))
        errors.append(float(np.abs(x - x_before).max()))      # the copy: input untouched
    try:
        naive_relu(np.zeros(5))
        errors.append(1.0)                                    # the 2D assert must fire on a vector
    except AssertionError:
        errors.append(0.0)
    return {"error": errors}


ELEMENTWISE = Claim(
    id="naive-relu-loop-equals-numpy-maximum",
    statement="The slide's naive element-wise relu (a double loop over a copy of a 2D array) gives exactly "
              "np.maximum(x, 0.) and torch.relu, leaves its input unchanged, and refuses non-2D input; the "
              "naive loop addition equals x + y.",
    sources=(Source(DOC, "2.3.1 Element-wise Operations", (503, 523),
                    "def naive_relu(x): ... x = x.copy()                ← Avoid overwriting the input tensor. ... "
                    "z = x + y      ← Element-wise addition ... z = np.maximum(z, 0.)    ← Element-wise relu"),),
    kind=Kind.IDENTITY, topic="tensors", metric="max |naive - vectorised| (float64); input modified; assert fired",
    direction="holds", tolerance=0.0, experiment=elementwise_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: bit-identical on 20 random arrays, input untouched, assert fires",
)


# ------------------------------------------------------------------ broadcasting
def broadcasting_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "arrays")
    x = rng.random((64, 3, 32, 10))
    y = rng.random((32, 10))
    z = np.maximum(x, y)
    # reference: y repeated explicitly along the leading axes (no broadcasting rule involved)
    y_rep = np.tile(y, (64, 3, 1, 1))
    zt = torch.maximum(torch.as_tensor(x), torch.as_tensor(y))
    errors = [float(z.shape != (64, 3, 32, 10)), float(np.abs(z - np.maximum(x, y_rep)).max()),
              float(np.abs(zt.numpy() - z).max())]
    try:                      # trailing axes that do not match cannot broadcast
        np.maximum(x, rng.random((10, 32)))
        errors.append(1.0)
    except ValueError:
        errors.append(0.0)
    return {"error": errors}


BROADCAST = Claim(
    id="broadcasting-maximum-shape",
    statement="np.maximum of a (64, 3, 32, 10) tensor and a (32, 10) tensor broadcasts the smaller one over the "
              "leading axes: the output has shape (64, 3, 32, 10) and equals the maximum with y repeated "
              "explicitly; torch agrees; mismatched trailing axes (10, 32) raise.",
    sources=(Source(DOC, "2.3.2 Broadcasting", (526, 542),
                    "x = np.random.random((64, 3, 32, 10)) ... y = np.random.random((32, 10)) ... "
                    "z = np.maximum(x, y) ... The output **z** has shape **(64, 3, 32, 10)** like **x**."),),
    kind=Kind.IDENTITY, topic="tensors", metric="shape mismatch; max |broadcast - explicit repeat|; no error raised",
    direction="holds", tolerance=0.0, experiment=broadcasting_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: shape (64, 3, 32, 10), identical to the explicit repeat",
)


# ------------------------------------------------------------------ matrix product shapes
def matmul_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "arrays")
    errors = []
    for _ in range(20):
        n, m, p = (int(v) for v in rng.integers(1, 9, size=3))
        a, b = rng.standard_normal((n, m)), rng.standard_normal((m, p))
        z = np.dot(a, b)
        # reference: the definition z_ij = sum_k a_ik b_kj with Python floats
        ref = np.array([[math.fsum(a[i, k] * b[k, j] for k in range(m)) for j in range(p)] for i in range(n)])
        errors.append(float(z.shape != (n, p)))
        errors.append(float(np.abs(z - ref).max()))
        errors.append(float(np.abs(torch.as_tensor(a) @ torch.as_tensor(b) - torch.as_tensor(ref)).max()))
        if m != p:
            try:
                np.dot(a, rng.standard_normal((p, m)))
                errors.append(1.0)
            except ValueError:
                errors.append(0.0)
    return {"error": errors}


MATMUL = Claim(
    id="matrix-product-shape-rule",
    statement="An (n x m) matrix times an (m x p) matrix is an (n x p) matrix whose entries are the row-column "
              "sums; np.dot and torch's @ both compute it, and incompatible sizes raise.",
    sources=(Source(DOC, "Matrix vs Tensor", (162, 163),
                    "multiply one matrix with another as long as the sizes are compatible ($(n \\times m) \\times "
                    "(m \\times p) = n \\times p$)"),
             Source(DOC, "2.3.3 Tensor Dot", (544, 551), "z = np.dot(x, y)")),
    kind=Kind.IDENTITY, topic="tensors", metric="shape mismatch; max |product - row-column sums| (float64)",
    direction="holds", tolerance=1e-12, experiment=matmul_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: shapes right, products within 4.4e-16 of the sums, mismatch raises",
)


# ------------------------------------------------------------------ reshaping
def reshape_errors(ctx):
    x = np.array([[0., 1.], [2., 3.], [4., 5.]])
    errors = [float(x.shape != (3, 2))]
    x23 = x.reshape((2, 3))
    errors.append(float(not np.array_equal(x23, np.array([[0., 1., 2.], [3., 4., 5.]]))))   # as printed
    x61 = x23.reshape((6, 1))
    errors.append(float(not np.array_equal(x61, np.arange(6.).reshape(6, 1))))
    errors.append(float(np.transpose(np.zeros((300, 20))).shape != (20, 300)))
    # torch reshapes in the same (row-major) order
    errors.append(float(not np.array_equal(torch.as_tensor(x).reshape(2, 3).numpy(), x23)))
    # the MNIST reshape keeps all 47,040,000 coefficients (meta tensor: no memory)
    imgs = torch.empty((60000, 28, 28), device="meta")
    errors.append(float(imgs.reshape((60000, 28, 28, 1)).numel() != 60000 * 28 * 28))
    try:                      # a target shape with another number of coefficients is refused
        x.reshape((4, 2))
        errors.append(1.0)
    except ValueError:
        errors.append(0.0)
    return {"error": errors}


RESHAPE = Claim(
    id="reshape-keeps-coefficients",
    statement="Reshaping keeps the total number of coefficients and their row-major order: the slides' "
              "(3, 2) -> (2, 3) -> (6, 1) arrays come out exactly as printed, transposing (300, 20) gives "
              "(20, 300), MNIST's (60000, 28, 28) -> (60000, 28, 28, 1) keeps 47,040,000 values, and a shape "
              "with another count is refused.",
    sources=(Source(DOC, "2.3.4 Tensor Reshaping", (558, 598),
                    "The reshaped tensor has the same total number of coefficients as the initial tensor ... "
                    "train_images = train_images.reshape(( 60000, 28, 28, 1 )) ... >>> x = x.reshape((2, 3)) ... "
                    ">>> x = np.transpose(x)"),),
    kind=Kind.IDENTITY, topic="tensors", metric="1 per printed result not reproduced",
    direction="holds", tolerance=0.0, experiment=reshape_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: every printed array and shape reproduced, (4, 2) refused",
)


# ------------------------------------------------------------------ geometry: vector sum, rotation
def vector_sum_errors(ctx):
    a, b = np.array([0.5, 1.0]), np.array([1.0, 0.25])
    s = a + b
    ctx.note("A + B", s.tolist())
    # the sum as a point: walk A then B (head to tail), and the parallelogram law for its length
    walk = np.array([a[0] + b[0], a[1] + b[1]])
    return {"error": [float(np.abs(s - walk).max()), float(np.abs(s - np.array([1.5, 1.25])).max()),
                      abs(s @ s - (a @ a + b @ b + 2 * a @ b))]}


VECTOR_SUM = Claim(
    id="vector-sum-is-new-point",
    statement="Adding B = [1, 0.25] to A = [0.5, 1] gives the point [1.5, 1.25], reached by drawing B from A's "
              "tip (head to tail), with |A + B|^2 = |A|^2 + |B|^2 + 2 A.B.",
    sources=(Source(DOC, "2.3.5 Geometric Interpretation of Tensor Operations", (607, 609),
                    "If $A = [0.5, 1]$ is a vector ... We add a new point, $B = [1, 0.25]$ to A ... the result is "
                    "a new location, a vector representing the sum of the previous two vectors"),),
    kind=Kind.IDENTITY, topic="tensors", metric="|A + B - head-to-tail point|; parallelogram law (float64)",
    direction="holds", tolerance=1e-12, experiment=vector_sum_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: A + B = [1.5, 1.25] exactly",
)


def rotation_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "angles")
    errors, row_stack_angles = [], []
    for _ in range(200):
        th = float(rng.uniform(-math.pi, math.pi))
        x = rng.standard_normal(2)
        u, v = np.array([math.cos(th), math.sin(th)]), np.array([-math.sin(th), math.cos(th)])
        R = np.column_stack([u, v])                # R = [u, v] with u, v as its columns
        y = np.dot(R, x)
        turned = math.atan2(x[0] * y[1] - x[1] * y[0], x @ y)       # signed angle from x to y
        errors.append(abs(math.remainder(turned - th, 2 * math.pi)))
        errors.append(abs(np.linalg.norm(y) - np.linalg.norm(x)))
        errors.append(float(np.abs(R.T @ R - np.eye(2)).max()))
        errors.append(abs(np.linalg.det(R) - 1))
        rows = np.array([u, v])                    # np.array([u, v]) stacks u, v as ROWS
        y2 = rows @ x
        row_stack_angles.append(math.remainder(math.atan2(x[0] * y2[1] - x[1] * y2[0], x @ y2) + th, 2 * math.pi))
    ctx.note("np.array([u, v]) @ x turns by -theta (max |angle + theta|)", max(abs(a) for a in row_stack_angles))
    return {"error": errors}


ROTATION = Claim(
    id="rotation-is-dot-with-2x2-matrix",
    statement="The dot product with the 2x2 matrix R whose columns are u = [cos t, sin t] and "
              "v = [-sin t, cos t] rotates a 2D vector by the angle t (length kept, R orthogonal, det 1).",
    sources=(Source(DOC, "2.3.5 Geometric Interpretation of Tensor Operations", (625, 629),
                    "a rotation of a 2D vector by an angle θ can be achieved via a dot product with a 2×2 matrix "
                    "$R = [u, v]$, where u and v are both vectors of the plane: $u = [\\cos(\\theta), "
                    "\\sin(\\theta)]$ and $v = [-\\sin(\\theta), \\cos(\\theta)]$"),),
    kind=Kind.IDENTITY, topic="tensors", metric="|turned angle - t|, |norm change|, |R^T R - I|, |det R - 1| (float64)",
    direction="holds", tolerance=1e-12, experiment=rotation_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: 200 random angles and vectors, all errors below 1e-15",
    notes="R = [u, v] reads u and v as columns. Built as np.array([u, v]) (rows), the same dot product turns by "
          "-t instead (noted in the result).",
)


# ------------------------------------------------------------------ not executable
TEAM_PLAYER = Unexecutable(
    id="tensor-transforms-with-its-structure",
    statement="A tensor is not just a generalised matrix: it obeys a transformation rule when the other entities "
              "of its structure are transformed (a 'team player').",
    sources=(Source(DOC, "Matrix vs Tensor", (207, 216),
                    "It is not just that tensors are a generalization of matrices! ... It’s a team player whose "
                    "numerical values shift around along with those of its teammates when a transformation is "
                    "introduced that affects all of them"),),
    reason="A mathematical definition (covariance under change of basis) quoted from a popular article; the slides "
           "never use it, and deep-learning 'tensors' (NumPy arrays) carry no transformation law to test.",
    topic="tensors",
)
