// ECharts parts of the smart-dispatch charts (bars for hot spots, lines for the weekly acceptance rates); imported only
// by those chart components, which their screens load on demand.
import { use } from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])
