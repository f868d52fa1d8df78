/// The class report's inline style and the few lines of script that sort its table.
extension ClassReport {
    static let css = """
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1b1f24;background:#fff}
    h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:24px 0 8px}
    .summary{color:#444}.grid{display:flex;flex-wrap:wrap;gap:24px}.grid section{flex:1 1 420px;min-width:320px}
    svg.hist{width:100%;max-width:640px;height:auto}svg .axis{stroke:#888}
    svg rect{fill:#4c8bf5}svg .b9{fill:#2da44e}svg .b0,svg .b1,svg .b2{fill:#cf222e}
    svg text{font-size:11px;text-anchor:middle;fill:#333}
    table{border-collapse:collapse}table.bars{width:100%}table.bars th,table.bars td{padding:3px 6px;text-align:left;font-weight:normal;white-space:nowrap}
    table.bars td:nth-child(2){width:100%}table.rules td:first-child{white-space:normal}table.rules td:nth-child(3){width:40%}
    .bar{display:flex;height:14px;background:#eee;border-radius:3px;overflow:hidden;min-width:120px}.bar i{display:block;height:100%}
    i.p{background:#2da44e}i.f{background:#cf222e}i.m{background:#afb8c1}
    .legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}.num{color:#555;font-variant-numeric:tabular-nums}
    table.learners{font-size:13px}table.learners th,table.learners td{border-bottom:1px solid #e5e7eb;padding:3px 6px;text-align:left}
    table.learners th{position:sticky;top:0;background:#f6f8fa;cursor:pointer;user-select:none}
    td.p{color:#1a7f37}td.f{color:#cf222e;font-weight:600}td.m{color:#999}td.err{color:#9a6700}
    code{font-size:12px;color:#555}

    """

    static let script = """
    (function(){var t=document.getElementById('learners');if(!t)return;var hs=t.tHead.rows[0].cells;
    function v(c){var d=c.getAttribute('data-v');var s=d!==null?d:c.textContent;var n=Number(s);return s.trim()===''||isNaN(n)?s.toLowerCase():n;}
    for(var i=0;i<hs.length;i++)(function(i){var asc=true;hs[i].onclick=function(){var b=t.tBodies[0];
    var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=v(x.cells[i]),c=v(y.cells[i]);
    if(typeof a!==typeof c){a=String(a);c=String(c);}var r=a<c?-1:a>c?1:0;return asc?r:-r;});
    asc=!asc;var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r);});b.appendChild(f);};})(i);})();

    """
}
