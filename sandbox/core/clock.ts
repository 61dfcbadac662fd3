/** Sandbox time: real time plus an offset that the control API moves forward ("time travel"). */
export class Clock {
  private offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  travel(ms: number) {
    this.offsetMs += ms;
  }

  reset() {
    this.offsetMs = 0;
  }

  get offset() {
    return this.offsetMs;
  }
}
