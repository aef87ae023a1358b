/** The sign-in page's budget for JavaScript and CSS together, gzip'd. */
export declare const SIGN_IN_BUDGET_BYTES: number;
/** Measures the sign-in page's entry chunk, its CSS and its static imports, gzip'd. */
export declare function measureSignInBundle(webDist: string): {
  files: { file: string; bytes: number; gzip: number }[];
  totalGzip: number;
};
