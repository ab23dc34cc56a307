/** Types of start.mjs (plain JavaScript: it runs before the dependencies are installed). */
export function installReason(root: string): string | null;
