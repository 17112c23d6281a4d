/** Cleanup steps run once, in reverse order of registration, on success, failure or a signal. */
export class Cleanup {
  private readonly steps: Array<{ name: string; run: () => Promise<unknown> }> = [];
  private running?: Promise<void>;

  add(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (error) {
          console.error(`cleanup: ${step.name} failed: ${(error as Error).message}`);
        }
      }
    })();
    return this.running;
  }
}
