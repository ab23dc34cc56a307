/** What the simulated person behind a `<Dial><Number>` does. */
export interface CalleeBehaviour {
  /** Default `answer`. */
  outcome: 'answer' | 'busy' | 'no-answer' | 'failed';
  /** How long the phone rings before the callee answers or the line reports busy; default 200 ms. */
  ringMs?: number;
  /** Once answered, the callee hangs up after this long; default: stays until the other side hangs up. */
  hangUpAfterMs?: number;
}

const DEFAULT: CalleeBehaviour = { outcome: 'answer' };

/** Callee behaviour per dialled number, as each test sets it. */
export class CalleeDirectory {
  private readonly behaviours = new Map<string, CalleeBehaviour>();

  set(number: string, behaviour: CalleeBehaviour): void {
    this.behaviours.set(number, { ...behaviour });
  }

  get(number: string): CalleeBehaviour {
    return this.behaviours.get(number) ?? DEFAULT;
  }

  clear(): void {
    this.behaviours.clear();
  }
}
