// The oracle the selection tests check `murmur3` against (a devDependency, tests only).
declare module 'murmurhash-js' {
  export function murmur3(key: string, seed?: number): number;
  const murmur: { murmur3: typeof murmur3 };
  export default murmur;
}
