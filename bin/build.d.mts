export declare function ensureBuilt(name: string, entry: string): Promise<string>;
