/**
 * Gathers the calls made in one turn of the event loop and runs them as one batch, `maxBatch` at
 * most. Intake uses it for its two statements (under load a round trip, a socket write and, for the
 * write, a commit per batch instead of per complaint) and SlaTimers for its Redis adds; alone, a
 * call waits one turn.
 *
 * When a batch fails with an error that one call can cause (`isolate`: an externalRef another
 * request took first), each of its calls is run again on its own, so that the failure is only its
 * caller's. Any other error (a timeout, a lost connection) fails the whole batch as it is: running
 * every call again would only add load, and after a lost connection the batch may have committed.
 */
export class TurnBatcher<In, Out> {
  private pending: Array<{ input: In; resolve: (output: Out) => void; reject: (error: unknown) => void }> = [];

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch: number,
    private readonly isolate: (error: unknown) => boolean,
  ) {}

  submit(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const gathered = this.pending;
    this.pending = [];
    for (let i = 0; i < gathered.length; i += this.maxBatch) {
      const batch = gathered.slice(i, i + this.maxBatch);
      this.attempt(batch.map((call) => call.input)).then(
        (outputs) => batch.forEach((call, j) => call.resolve(outputs[j])),
        (error: unknown) => {
          if (batch.length === 1 || !this.isolate(error)) return batch.forEach((call) => call.reject(error));
          for (const call of batch) this.attempt([call.input]).then(([output]) => call.resolve(output), call.reject);
        },
      );
    }
  }

  /** `run`, with a synchronous throw and an answer of the wrong length as rejections, so no call is left waiting. */
  private attempt(inputs: In[]): Promise<Out[]> {
    return Promise.resolve()
      .then(() => this.run(inputs))
      .then((outputs) => {
        if (outputs.length !== inputs.length) throw new Error(`TurnBatcher: ${outputs.length} answers for ${inputs.length} calls`);
        return outputs;
      });
  }
}
