// chart.js with only what the views use registered (tree-shaken) and a plugin drawing 95 % CI whiskers on
// horizontal bars. Loaded on demand (BarChart imports it dynamically) so the first paint does not wait for it.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LogarithmicScale,
  Tooltip,
  type Plugin,
} from 'chart.js';

declare module 'chart.js' {
  interface PluginOptionsByType<TType> {
    /** Per bar of dataset 0: [low, high] of the 95 % CI, or null to draw none. */
    whiskers?: { ranges: Array<[number, number] | null>; color: string; _type?: TType };
  }
}

const whiskerPlugin: Plugin<'bar'> = {
  id: 'whiskers',
  afterDatasetsDraw(chart, _args, options) {
    const opts = options as { ranges?: Array<[number, number] | null>; color?: string } | undefined;
    if (!opts?.ranges) return;
    const meta = chart.getDatasetMeta(0);
    const x = chart.scales.x;
    const { ctx } = chart;
    ctx.save();
    // Whiskers past the axis range (a CI reaching below a log axis' minimum) must not draw over the labels.
    const area = chart.chartArea;
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    ctx.strokeStyle = opts.color ?? '#000';
    ctx.lineWidth = 1.5;
    meta.data.forEach((bar, i) => {
      const range = opts.ranges?.[i];
      if (!range) return;
      const { y, height } = bar.getProps(['y', 'height'], true) as { y: number; height: number };
      const x0 = x.getPixelForValue(range[0]);
      const x1 = x.getPixelForValue(range[1]);
      const cap = Math.min(8, height * 0.35);
      ctx.beginPath();
      ctx.moveTo(x0, y);
      ctx.lineTo(x1, y);
      ctx.moveTo(x0, y - cap);
      ctx.lineTo(x0, y + cap);
      ctx.moveTo(x1, y - cap);
      ctx.lineTo(x1, y + cap);
      ctx.stroke();
    });
    ctx.restore();
  },
};

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LogarithmicScale,
  Tooltip,
  Legend,
  whiskerPlugin,
);

export { Chart };
