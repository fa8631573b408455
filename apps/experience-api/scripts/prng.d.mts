/** A small deterministic PRNG (mulberry32); see `prng.mjs`. */
export declare function prng(seed: number): () => number;
