export declare const BUDGET_BYTES: number;
export declare function measureSize(options?: {
  source?: boolean;
}): Promise<{ react: number; next: number; added: number }>;
