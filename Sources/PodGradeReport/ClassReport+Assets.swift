/// The class report's inline style and the few lines of script that sort its
/// table (a header button, or `#sort=N` / `#sort=N-desc` in the URL on load)
/// and open every learner's section before printing.
extension ClassReport {
    static let css = """
    *{box-sizing:border-box}
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1b1f24;background:#fff;max-width:1400px}
    h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:14px;margin:12px 0 4px}
    .summary,.policy{color:#444;margin:4px 0}.grid{display:flex;flex-wrap:wrap;gap:24px}.grid section{flex:1 1 420px;min-width:0}
    svg.hist{width:100%;max-width:640px;height:auto}svg .axis{stroke:#888}
    svg rect{fill:#4c8bf5}svg .b9{fill:#2da44e}svg .b0,svg .b1,svg .b2{fill:#cf222e}
    svg text{font-size:11px;text-anchor:middle;fill:#333}
    table{border-collapse:collapse}table.bars{width:100%}table.bars th,table.bars td{padding:3px 6px;text-align:left;font-weight:normal;white-space:nowrap}
    table.bars td:nth-child(2){width:100%}table.rules td:first-child{white-space:normal;width:55%}table.rules td:nth-child(2){width:35%}
    .bar{display:flex;height:14px;background:#eee;border-radius:3px;overflow:hidden;min-width:80px}.bar i{display:block;height:100%}
    i.p{background:#2da44e}i.f,i.lo{background:#cf222e}i.m{background:#afb8c1}i.mid{background:#4c8bf5}
    .legend{color:#555;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}.num{color:#555;font-variant-numeric:tabular-nums}
    table.learners{font-size:13px;width:100%;table-layout:auto}table.learners th,table.learners td{border-bottom:1px solid #e5e7eb;padding:3px 4px;text-align:left;vertical-align:top}
    table.learners th{position:sticky;top:0;background:#f6f8fa;white-space:nowrap}
    th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
    th button:focus-visible{outline:2px solid #0969da}.arrow{color:#8c959f;font-size:10px;margin-left:3px}
    th[aria-sort=ascending] .arrow,th[aria-sort=descending] .arrow{color:#0969da}
    td.repo{max-width:170px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    td.err{color:#9a6700;min-width:150px;max-width:220px;overflow-wrap:anywhere}details.long summary{cursor:pointer}
    td.nw{white-space:nowrap}td.p{color:#1a7f37}td.f{color:#cf222e;font-weight:600}td.m{color:#999}.err{color:#9a6700}
    details.learner{border:1px solid #d0d7de;border-radius:6px;margin:6px 0;padding:4px 10px}
    details.learner>summary{cursor:pointer}details.learner .body{overflow-wrap:anywhere}
    ul.findings{margin:4px 0;padding-left:20px}.where{color:#555;font-family:ui-monospace,monospace;font-size:12px}
    pre.frame{background:#f6f8fa;border-radius:4px;padding:4px 8px;margin:4px 0;font-size:12px;overflow-x:auto;max-width:100%;white-space:pre-wrap;overflow-wrap:anywhere}
    pre.frame span{display:block}pre.frame .hit{background:#ffebe9}
    .pod-picture svg{max-width:100%;height:auto}.explain div{margin:8px 0}
    code{font-size:12px;color:#555;overflow-wrap:anywhere}
    @media print{body{margin:0;max-width:none;font-size:11px}th{position:static}.arrow{display:none}
    details.learner{break-inside:avoid;border:0;border-top:1px solid #999;border-radius:0}a{color:inherit;text-decoration:none}}

    """

    static let script = """
    (function(){var t=document.getElementById('learners');if(!t)return;var hs=t.tHead.rows[0].cells;
    function v(c){var d=c.getAttribute('data-v');var s=d!==null?d:c.textContent;var n=Number(s);return s.trim()===''||isNaN(n)?s.toLowerCase():n;}
    function sort(i,asc){var b=t.tBodies[0];var rows=Array.prototype.slice.call(b.rows);
    rows.sort(function(x,y){var a=v(x.cells[i]),c=v(y.cells[i]);if(typeof a!==typeof c){a=String(a);c=String(c);}var r=a<c?-1:a>c?1:0;return asc?r:-r;});
    for(var k=0;k<hs.length;k++)if(hs[k].hasAttribute('aria-sort'))hs[k].setAttribute('aria-sort','none');
    hs[i].setAttribute('aria-sort',asc?'ascending':'descending');var a=hs[i].querySelector('.arrow');if(a)a.textContent=asc?'▲':'▼';
    var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r);});b.appendChild(f);}
    for(var i=0;i<hs.length;i++)(function(i){var btn=hs[i].querySelector('button');if(!btn)return;
    btn.onclick=function(){sort(i,hs[i].getAttribute('aria-sort')!=='ascending');};})(i);
    var m=/sort=(\\d+)(-desc)?/.exec(location.hash);if(m&&hs[+m[1]]&&hs[+m[1]].querySelector('button'))sort(+m[1],!m[2]);
    window.addEventListener('beforeprint',function(){var d=document.querySelectorAll('details');for(var j=0;j<d.length;j++)d[j].open=true;});
    var o=/open=learner-(\\d+)/.exec(location.hash);if(o){var e=document.getElementById('learner-'+o[1]);if(e)e.open=true;}
    document.addEventListener('click',function(ev){var l=ev.target.closest&&ev.target.closest('a[href^="#learner-"]');
    if(l){var e=document.getElementById(l.getAttribute('href').slice(1));if(e)e.open=true;}});})();

    """
}
