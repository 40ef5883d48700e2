/**
 * The ring tone, made with WebAudio (no file to ship): the European cadence, 425 Hz, one second
 * on and four off, softly. A browser that has not had a user gesture yet may keep it silent;
 * the dock's blinking call card is the signal that never fails.
 */
export class Ringer {
  private ctx: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  start(): void {
    if (this.timer) return;
    try {
      this.ctx ??= new AudioContext();
      void this.ctx.resume().catch(() => undefined);
    } catch {
      return;
    }
    const ring = () => {
      const ctx = this.ctx;
      if (!ctx) return;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 425;
      gain.gain.setValueAtTime(0, ctx.currentTime);
      gain.gain.linearRampToValueAtTime(0.15, ctx.currentTime + 0.02);
      gain.gain.setValueAtTime(0.15, ctx.currentTime + 0.98);
      gain.gain.linearRampToValueAtTime(0, ctx.currentTime + 1);
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 1);
    };
    ring();
    this.timer = setInterval(ring, 5000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
