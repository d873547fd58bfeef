export declare const root: string;
export declare const buildDir: string;
export declare const tfRuntime: string;
export declare function ensureBuilt(name: string, entry: string): Promise<string>;
