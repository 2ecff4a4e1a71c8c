/*
 * ECharts, tree-shaken: only the charts and components the dashboard draws, with the SVG renderer.
 * Loaded lazily (its own chunk), so pages show their text before their charts.
 */
import { BarChart, SankeyChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { init, registerMap, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, SankeyChart, ScatterChart, GeoComponent, GridComponent, TooltipComponent, SVGRenderer]);

export { init, registerMap };
