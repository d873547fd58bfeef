export declare function ensureBuilt(name: string, entry: string): Promise<string>;
export declare function frozenCli(): Promise<string | undefined>;
export declare function bundleOptions(
  entry: string,
  base?: string,
): import('esbuild').BuildOptions & { write: false; metafile: true };
