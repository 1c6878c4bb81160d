/**
 * A bytes view that can move to another thread without a copy: one spanning its whole buffer as
 * it is; anything else (a slice of Node's pool for small buffers, where cloning would copy the
 * whole pool) is copied once into a buffer of its own.
 */
export function ownedBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole && bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer) : new Uint8Array(bytes);
}
