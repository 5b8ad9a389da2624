{{%AUTOESCAPE context="HTML"}}
<svg class="chart" viewBox="0 0 {{W}} {{H}}" role="img" aria-labelledby="trend-title trend-desc" xmlns="http://www.w3.org/2000/svg" font-size="10" font-family="sans-serif">
  <title id="trend-title">{{CHART_TITLE}}</title>
  <desc id="trend-desc">{{CHART_DESC}}</desc>
  {{#GRID}}<line x1="{{X1}}" x2="{{X2}}" y1="{{Y}}" y2="{{Y}}" stroke="#d5d9e0" stroke-width="1"/><text x="{{TX}}" y="{{TY}}" text-anchor="end" fill="#444">{{LABEL}}</text>
  {{/GRID}}
  {{#BAR}}<rect x="{{X}}" y="{{Y}}" width="{{BW}}" height="{{BH}}" fill="#c9d6ea"><title>{{LABEL}}: {{N}}</title></rect>
  {{/BAR}}
  <polyline points="{{POINTS}}" fill="none" stroke="#1f4e8c" stroke-width="2"/>
  {{#DOT}}<circle cx="{{CX}}" cy="{{CY}}" r="3.5" fill="#1f4e8c"><title>{{LABEL}}: {{VALUE}} (n={{N}})</title></circle>
  {{/DOT}}
  {{#XLABEL}}<text x="{{X}}" y="{{Y}}" text-anchor="middle" fill="#444">{{LABEL}}</text>
  {{/XLABEL}}
</svg>
