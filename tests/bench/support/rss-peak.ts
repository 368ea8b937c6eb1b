/**
 * Peak resident memory of this process during one phase. The kernel's high-water mark
 * (resourceUsage().maxRSS) never goes down, so it cannot tell phases apart; a sampler can, at the
 * cost of missing spikes shorter than its period or ones it cannot see while the loop is busy.
 */
export interface RssWatch {
  /** Stops sampling and returns the highest RSS seen, in MiB. */
  stop(): number;
}

const MIB = 1024 * 1024;

export function watchRss(periodMs = 25): RssWatch {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, periodMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return Math.round(peak / MIB);
    },
  };
}

/** The process's high-water mark since it started, in MiB (maxRSS is in KiB). */
export function processPeakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
