/// The pages' Mustache templates, embedded so the installed binary needs no resource folder.
/// Text from uploads and users is only ever inserted with `{{ }}` (HTML-escaped), never `{{{ }}}`.
enum PageTemplates {
    static let head = """
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · 政府信息公开工作年度报告</title>
        <style>
        *{box-sizing:border-box}[hidden]{display:none!important}
        body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#f6f7f9;font-size:15px}
        header{background:#8b1a1a;color:#fff;padding:.6em 1.2em;display:flex;justify-content:space-between;align-items:center}
        header a{color:#fff;text-decoration:none;font-weight:bold}
        header form{margin:0}
        main{padding:1em 1.2em;max-width:1200px;margin:auto}
        h1{font-size:1.4em;margin:.3em 0 .6em} h2{font-size:1.15em;margin:1.4em 0 .5em}
        table{border-collapse:collapse;background:#fff;margin:.4em 0;font-size:14px}
        th,td{border:1px solid #ccd;padding:.3em .55em;text-align:left;vertical-align:top}
        th{background:#eef0f4;font-weight:600} th a{color:inherit;text-decoration:none}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        #departments td,#unexpected td,#unmatched td{white-space:nowrap}
        .s-passed{color:#176b2c;font-weight:bold}.s-failed{color:#b00020;font-weight:bold}.s-unreadable{color:#8a4b00;font-weight:bold}
        .s-duplicate{color:#6a1b9a;font-weight:bold}.s-missing{color:#777}
        td.bad{background:#ffd7d7;outline:2px solid #d33}td.warn{background:#fff3c4}
        .box{background:#fff;border:1px solid #ccd;padding:.8em 1em;margin:.8em 0;border-radius:4px}
        .drop{border:2px dashed #8b1a1a;background:#fff;padding:1.4em;text-align:center;border-radius:6px}
        .drop.over{background:#fbeaea}
        progress{width:100%;height:1.1em;margin-top:.6em}
        .msg{padding:.5em .8em;background:#e8f3ea;border:1px solid #b6d8bd;border-radius:4px}
        .err{padding:.5em .8em;background:#fdecec;border:1px solid #e0a9a9;border-radius:4px}
        label{display:block;margin:.5em 0 .2em;font-weight:600}
        input[type=text],input[type=number],input[type=password],select,textarea{font:inherit;padding:.25em .4em;min-width:18em}
        textarea{width:100%;min-height:8em}
        button,.button{font:inherit;background:#8b1a1a;color:#fff;border:0;padding:.35em 1em;border-radius:3px;cursor:pointer;text-decoration:none;display:inline-block}
        .links a{margin-right:1em}
        .muted{color:#666;font-size:.9em}
        .count{margin-right:1.2em}
        </style></head><body>
        <header><a href="/">政府信息公开工作年度报告 · 收集与校验</a>{{#loggedIn}}<form method="post" action="/logout"><button type="submit">退出</button></form>{{/loggedIn}}</header>
        <main>
        """

    static let foot = """
        </main></body></html>
        """

    static let message = """
        {{> head}}
        <h1>{{title}}</h1>
        <p class="err">{{message}}</p>
        <p><a href="/">返回首页</a></p>
        {{> foot}}
        """

    static let login = """
        {{> head}}
        <h1>请输入访问密码</h1>
        {{#error}}<p class="err">{{error}}</p>{{/error}}
        <form method="post" action="/login" class="box">
        <label for="password">访问密码</label>
        <input type="password" id="password" name="password" autofocus autocomplete="current-password">
        <button type="submit">登录</button>
        </form>
        {{> foot}}
        """

    static let index = """
        {{> head}}
        <h1>填报批次</h1>
        {{#hasRounds}}
        <table id="rounds"><thead><tr><th>批次</th><th>表格</th><th>年度</th><th>应报部门</th><th>通过</th><th>创建时间</th></tr></thead><tbody>
        {{#rounds}}<tr><td><a href="/rounds/{{id}}">{{name}}</a></td><td>{{form}}</td><td>{{year}}</td><td class="n">{{expected}}</td><td class="n">{{passed}}</td><td>{{created}}</td></tr>{{/rounds}}
        </tbody></table>
        {{/hasRounds}}
        {{^hasRounds}}<p class="muted">还没有填报批次。</p>{{/hasRounds}}
        <h2>新建填报批次</h2>
        <form method="post" action="/rounds" enctype="multipart/form-data" class="box" id="create">
        <label for="name">批次名称</label><input type="text" id="name" name="name" required placeholder="2024年度政府信息公开工作年度报告">
        <label for="form">表格版本</label><select id="form" name="form">{{#forms}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{id}} 版（{{years}}）</option>{{/forms}}</select>
        <label for="year">报告年度</label><input type="number" id="year" name="year" required value="{{defaultYear}}" min="1990" max="2100">
        <label for="district">合计表的单位名称</label><input type="text" id="district" name="district" placeholder="某区人民政府（默认：合计）">
        <label for="departments">应报部门（每行一个）</label><textarea id="departments" name="departments" placeholder="区教育局&#10;区财政局"></textarea>
        <label for="departments_file">或上传部门名单工作簿（取第一个工作表的第一列）</label><input type="file" id="departments_file" name="departments_file" accept=".xlsx">
        <label for="previous_round">上年批次（用于上年结转的核对，可不选）</label><select id="previous_round" name="previous_round"><option value="">（不核对）</option>{{#rounds}}<option value="{{id}}">{{name}}（{{year}}）</option>{{/rounds}}</select>
        <p><button type="submit">创建</button></p>
        </form>
        {{> foot}}
        """

    static let round = """
        {{> head}}
        <p class="muted"><a href="/">填报批次</a> › {{round.name}}</p>
        <h1>{{round.name}}</h1>
        <p>{{round.form}} 版表格 · {{round.year}} 年度 · 合计单位：{{round.district}}{{#previous}} · 上年批次：<a href="/rounds/{{id}}">{{name}}</a>{{/previous}}</p>
        {{#notice}}<p class="msg" id="notice">{{notice}}</p>{{/notice}}
        <div class="box links"><strong>下载：</strong>
        <a href="/api/rounds/{{round.id}}/templates.zip">全部空白模板（zip）</a>
        <a href="/api/rounds/{{round.id}}/template.xlsx">空白模板</a>
        <a href="/api/rounds/{{round.id}}/summary.xlsx">汇总表</a>
        <a href="/api/rounds/{{round.id}}/total.xlsx">全区合计 xlsx</a>
        <a href="/api/rounds/{{round.id}}/total.txt">txt</a>
        <a href="/api/rounds/{{round.id}}/total.json">json</a>
        </div>
        <h2>上传报表</h2>
        <form method="post" action="/rounds/{{round.id}}/upload" enctype="multipart/form-data" class="drop" id="drop" data-url="/api/rounds/{{round.id}}/submissions" data-exts="{{extensions}}">
        <p>把报表文件或整个文件夹拖到这里，或选择：</p>
        <p><label for="files" style="display:inline">文件</label> <input type="file" id="files" name="file" multiple>
        <label for="folder" style="display:inline">文件夹</label> <input type="file" id="folder" name="file" webkitdirectory multiple></p>
        <noscript><button type="submit">上传</button></noscript>
        <progress id="bar" max="100" value="0" hidden></progress>
        <p id="upload-status" role="status"></p>
        </form>
        <h2>各部门情况</h2>
        <p id="counts">{{#counts}}<span class="s-{{status}} count">{{label}} {{count}}</span> {{/counts}}</p>
        <form method="get" id="filter"><label for="status" style="display:inline">按状态筛选</label>
        <select id="status" name="status"><option value="">全部</option>{{#statusOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statusOptions}}</select>
        <input type="hidden" name="sort" value="{{sort}}"><input type="hidden" name="order" value="{{order}}">
        <button type="submit" id="filter-button">筛选</button></form>
        <table id="departments"><thead><tr>{{#columns}}<th data-col="{{index}}"><a href="{{href}}">{{label}}{{arrow}}</a></th>{{/columns}}<th>模板</th></tr></thead>
        <tbody>{{#rows}}{{> row}}{{/rows}}</tbody></table>
        {{^hasRows}}<p class="muted">没有符合条件的部门。</p>{{/hasRows}}
        {{#hasUnexpected}}
        <h2>名单以外的提交</h2>
        <table id="unexpected"><thead><tr>{{#columns}}<th>{{label}}</th>{{/columns}}<th></th></tr></thead>
        <tbody>{{#unexpected}}{{> row}}{{/unexpected}}</tbody></table>
        {{/hasUnexpected}}
        {{#hasUnmatched}}
        <h2>无法识别部门的文件</h2>
        <table id="unmatched"><thead><tr><th>文件</th><th>上传时间</th><th>原因</th></tr></thead><tbody>
        {{#unmatched}}<tr><td><a href="/rounds/{{round}}/submissions/{{id}}">{{file}}</a></td><td>{{uploaded}}</td><td>{{reason}}</td></tr>{{/unmatched}}
        </tbody></table>
        {{/hasUnmatched}}
        <script>
        {{{script}}}
        </script>
        {{> foot}}
        """

    static let row = """
        <tr data-status="{{status}}"><td data-v="{{position}}">{{#href}}<a href="{{href}}">{{name}}</a>{{/href}}{{^href}}{{name}}{{/href}}</td>
        <td data-v="{{statusOrder}}" class="s-{{status}}">{{statusLabel}}</td>
        <td data-v="{{file}}">{{file}}</td><td data-v="{{uploaded}}">{{uploaded}}</td><td class="n" data-v="{{errors}}">{{errors}}</td>
        {{#figures}}<td class="n" data-v="{{value}}">{{value}}</td>{{/figures}}
        <td>{{#templateHref}}<a href="{{templateHref}}">下载</a>{{/templateHref}}</td></tr>
        """

    static let submission = """
        {{> head}}
        <p class="muted"><a href="/">填报批次</a> › <a href="/rounds/{{round.id}}">{{round.name}}</a> › {{file}}</p>
        <h1>{{file}}</h1>
        <table id="facts"><tbody>
        <tr><th>部门</th><td>{{department}}</td></tr>
        <tr><th>报告中的单位</th><td>{{agency}}</td></tr>
        <tr><th>年度 / 表格</th><td>{{year}} / {{form}}</td></tr>
        <tr><th>结果</th><td class="s-{{status}}" id="result">{{statusLabel}}（错误 {{errors}}，提示 {{warnings}}）</td></tr>
        <tr><th>上传时间</th><td>{{uploaded}}</td></tr>
        <tr><th>大小 / SHA-256</th><td>{{size}} 字节 / <code>{{sha256}}</code></td></tr>
        {{#supersededBy}}<tr><th>已被替换</th><td><a href="/rounds/{{round.id}}/submissions/{{supersededBy}}">查看新的提交</a></td></tr>{{/supersededBy}}
        </tbody></table>
        <p class="links"><a href="/rounds/{{round.id}}/submissions/{{id}}/file">下载原文件</a>{{#readable}}<a href="/api/rounds/{{round.id}}/submissions/{{id}}/feedback.xlsx">下载反馈工作簿（问题清单，错误单元格已标注）</a>{{/readable}}</p>
        <h2>校验结果</h2>
        {{#hasFindings}}
        <table id="findings"><thead><tr><th>级别</th><th>位置</th><th>说明</th></tr></thead><tbody>
        {{#findings}}<tr><td class="{{class}}">{{severity}}</td><td>{{place}}</td><td>{{message}}</td></tr>{{/findings}}
        </tbody></table>
        {{/hasFindings}}
        {{^hasFindings}}<p class="msg">所有校验规则均通过。</p>{{/hasFindings}}
        {{#tables}}
        <h2>{{heading}}</h2>
        {{#groups}}
        <table class="report"><thead><tr><th>{{caption}}</th>{{#columns}}<th>{{label}}</th>{{/columns}}</tr></thead><tbody>
        {{#rows}}<tr><th>{{label}}</th>{{#cells}}<td class="n {{class}}" title="{{title}}" data-cell="{{id}}">{{value}}</td>{{/cells}}</tr>{{/rows}}
        </tbody></table>
        {{/groups}}
        {{/tables}}
        {{#hasHistory}}
        <h2>本部门的提交记录</h2>
        <table id="history"><thead><tr><th>文件</th><th>上传时间</th><th>结果</th><th></th></tr></thead><tbody>
        {{#history}}<tr><td><a href="/rounds/{{round}}/submissions/{{id}}">{{file}}</a></td><td>{{uploaded}}</td><td>{{statusLabel}}</td><td>{{#current}}当前{{/current}}{{^current}}已替换{{/current}}</td></tr>{{/history}}
        </tbody></table>
        {{/hasHistory}}
        {{> foot}}
        """

    /// Drag-and-drop (files and folders) with an XHR progress bar, and client-side filter and
    /// sort of the round's table; without it the page's forms and links do the same.
    static let roundScript = #"""
        (function(){
        var zone=document.getElementById('drop'),bar=document.getElementById('bar'),out=document.getElementById('upload-status');
        var exts=new RegExp('\\.('+zone.dataset.exts.split(',').join('|')+')$','i');
        function send(files){
          var list=files.filter(function(f){return exts.test(f.name)&&f.name.charAt(0)!='.'&&f.name.indexOf('~$')!=0;});
          if(!list.length){out.textContent='没有可上传的报表文件（'+zone.dataset.exts+'）';return;}
          var data=new FormData();list.forEach(function(f){data.append('file',f,f.name);});
          var x=new XMLHttpRequest();x.open('POST',zone.dataset.url);
          x.upload.onprogress=function(e){if(e.lengthComputable){bar.value=Math.round(e.loaded*100/e.total);}};
          x.onload=function(){var r=null;try{r=JSON.parse(x.responseText);}catch(e){}
            if(x.status==201&&r){bar.value=100;out.textContent='已收到并校验 '+r.results.length+' 个文件';location.href=location.pathname+'?uploaded='+r.results.length;}
            else{out.textContent=(r&&r.error)||('上传失败（'+x.status+'）');}};
          x.onerror=function(){out.textContent='上传失败：网络错误';};
          bar.hidden=false;bar.value=0;out.textContent='正在上传 '+list.length+' 个文件…';x.send(data);
        }
        function walk(entry,files){return new Promise(function(done){
          if(entry.isFile){entry.file(function(f){files.push(f);done();},function(){done();});}
          else if(entry.isDirectory){var reader=entry.createReader(),all=[];
            (function more(){reader.readEntries(function(batch){if(!batch.length){Promise.all(all.map(function(e){return walk(e,files);})).then(done);}else{all=all.concat(Array.prototype.slice.call(batch));more();}},function(){done();});})();}
          else done();});}
        ['files','folder'].forEach(function(id){document.getElementById(id).addEventListener('change',function(e){send(Array.prototype.slice.call(e.target.files));});});
        zone.addEventListener('dragover',function(e){e.preventDefault();zone.classList.add('over');});
        zone.addEventListener('dragleave',function(){zone.classList.remove('over');});
        zone.addEventListener('drop',function(e){e.preventDefault();zone.classList.remove('over');var files=[],items=e.dataTransfer.items,jobs=[];
          if(items&&items.length&&items[0].webkitGetAsEntry){for(var i=0;i<items.length;i++){var en=items[i].webkitGetAsEntry();if(en)jobs.push(walk(en,files));}Promise.all(jobs).then(function(){send(files);});}
          else send(Array.prototype.slice.call(e.dataTransfer.files));});
        var table=document.getElementById('departments'),select=document.getElementById('status');
        document.getElementById('filter-button').hidden=true;
        function filter(){var v=select.value;Array.prototype.forEach.call(table.tBodies[0].rows,function(r){r.hidden=v&&r.dataset.status!=v;});}
        select.addEventListener('change',filter);filter();
        Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th){var a=th.querySelector('a');if(!a)return;
          a.addEventListener('click',function(e){e.preventDefault();var col=+th.dataset.col,up=th.dataset.dir!='asc';th.dataset.dir=up?'asc':'desc';
            var rows=Array.prototype.slice.call(table.tBodies[0].rows);
            rows.sort(function(p,q){var x=p.cells[col].dataset.v||'',y=q.cells[col].dataset.v||'',nx=parseFloat(x),ny=parseFloat(y);
              var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:(x==''?1:y==''?-1:x.localeCompare(y,'zh'));return up?c:-c;});
            rows.forEach(function(r){table.tBodies[0].appendChild(r);});});});
        })();
        """#
}
