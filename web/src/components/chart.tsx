import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartOption } from '../charts/options';

type EChartsModule = typeof import('../charts/echarts');
let loading: Promise<EChartsModule> | undefined;
let worldLoading: Promise<void> | undefined;

function loadECharts(map: boolean): Promise<EChartsModule> {
  loading ??= import('../charts/echarts');
  if (!map) return loading;
  worldLoading ??= Promise.all([loading, import('../charts/world')]).then(([e, w]) =>
    w.registerWorld(e.registerMap),
  );
  return worldLoading.then(() => loading as Promise<EChartsModule>);
}

/**
 * An ECharts chart (SVG). It is an image to assistive technology, named by `label`: every chart on the
 * dashboard sits next to a table or list with the same data, which is what keyboard and screen-reader
 * users read.
 */
export function Chart(props: {
  option: ChartOption;
  label: string;
  height?: number;
  testid?: string;
  map?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<EChartsModule['init']> | undefined>(undefined);
  const latest = useRef(props.option);
  latest.current = props.option;
  const [failed, setFailed] = useState<string>();

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    loadECharts(props.map ?? false).then(
      (echarts) => {
        if (disposed || box.current === null) return;
        const instance = echarts.init(box.current, undefined, { renderer: 'svg' });
        chart.current = instance;
        instance.setOption(latest.current);
        const element = box.current;
        // A detached or hidden box has no size: laying a map out in it fails (a singular transform), and a
        // chart being unmounted is detached before its effect is cleaned up.
        observer = new ResizeObserver(() => {
          if (element.isConnected && element.clientWidth > 0 && element.clientHeight > 0) instance.resize();
        });
        observer.observe(element);
      },
      (err: Error) => setFailed(err.message),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, [props.map]);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  if (failed !== undefined) return <p class="muted">The chart could not be drawn: {failed}</p>;
  return (
    <div
      class="chart"
      ref={box}
      role="img"
      aria-label={props.label}
      data-testid={props.testid}
      style={{ height: `${props.height ?? 320}px` }}
    />
  );
}
