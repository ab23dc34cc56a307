import { createInterface } from 'node:readline';
import { AdminError, EXIT, usageError } from './admin-error';
import { type CliIo, isInteractive, say } from './cli-io';

/**
 * Asking a person for a value the flags and environment did not give. Without a terminal (CI,
 * pipes) nothing is asked: the CLI fails and names the flag or variable to set instead.
 */
export interface Prompter {
  /** `howToGive` says which flag or variable gives the value when nobody can be asked. */
  text(question: string, howToGive: string): Promise<string>;
  /** Like `text`, but what is typed is not shown. */
  secret(question: string, howToGive: string): Promise<string>;
  choose<T>(question: string, options: { label: string; value: T }[], howToGive: string): Promise<T>;
}

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACES = new Set(['\u007f', '\b']);

export function terminalPrompter(io: CliIo): Prompter {
  function requireTerminal(howToGive: string): void {
    if (!isInteractive(io)) throw usageError(`Missing value: ${howToGive} (no terminal to ask on).`);
  }

  function readVisibleLine(question: string): Promise<string> {
    return new Promise((resolve) => {
      const lines = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
      lines.question(question, (answer) => {
        lines.close();
        resolve(answer.trim());
      });
    });
  }

  /** Raw mode, so the terminal does not echo: each key arrives here and nothing is written back. */
  function readHiddenLine(question: string): Promise<string> {
    io.stderr.write(question);
    const { stdin } = io;
    return new Promise((resolve, reject) => {
      let typed = '';
      const finish = (error?: AdminError) => {
        stdin.off('data', onData);
        stdin.setRawMode?.(false);
        stdin.pause();
        io.stderr.write('\n');
        if (error) reject(error);
        else resolve(typed.trim());
      };
      const onData = (chunk: Buffer | string) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n' || char === CTRL_D) return finish();
          if (char === CTRL_C) return finish(new AdminError('Cancelled.', EXIT.usage));
          if (BACKSPACES.has(char)) typed = typed.slice(0, -1);
          else typed += char;
        }
      };
      stdin.setRawMode?.(true);
      stdin.on('data', onData);
      stdin.resume();
    });
  }

  return {
    async text(question, howToGive) {
      requireTerminal(howToGive);
      return readVisibleLine(`${question} `);
    },
    async secret(question, howToGive) {
      requireTerminal(howToGive);
      return readHiddenLine(`${question} (hidden) `);
    },
    async choose(question, options, howToGive) {
      requireTerminal(howToGive);
      say(io, question);
      options.forEach((option, index) => {
        say(io, `  ${index + 1}) ${option.label}`);
      });
      for (;;) {
        const answer = await readVisibleLine(`Choose 1-${options.length}: `);
        const picked = options[Number(answer) - 1];
        if (/^\d+$/.test(answer) && picked) return picked.value;
        say(io, `Type a number between 1 and ${options.length}.`);
      }
    },
  };
}
