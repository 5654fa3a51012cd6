<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>main</name>
    <message>
        <source>Medical image quality annotation workstation.</source>
        <translation>医学图像质量标注工作站。</translation>
    </message>
    <message>
        <source>Workspace folder to open.</source>
        <translation>要打开的工作区文件夹。</translation>
    </message>
    <message>
        <source>Open the demo workspace (built on first use).</source>
        <translation>打开演示工作区（首次使用时创建）。</translation>
    </message>
    <message>
        <source>Who is working (skips the start dialog).</source>
        <translation>当前工作人员（跳过启动对话框）。</translation>
    </message>
    <message>
        <source>annotator or lead (default annotator).</source>
        <translation>annotator（标注员）或 lead（实验室负责人），默认 annotator。</translation>
    </message>
    <message>
        <source>Interface language for this run: en, de or zh_CN (default: Edit ▸ Preferences, else the system language).</source>
        <translation>本次运行的界面语言：en、de 或 zh_CN（默认：编辑 ▸ 首选项，否则为系统语言）。</translation>
    </message>
    <message>
        <source>More console logging.</source>
        <translation>输出更多控制台日志。</translation>
    </message>
</context>
<context>
    <name>medq::gui</name>
    <message>
        <source>round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>round (0 = start)</source>
        <translation>轮次（0 = 初始）</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>expert (default)</source>
        <translation>专家（默认值）</translation>
    </message>
</context>
<context>
    <name>medq::gui::AnnotationPanel</name>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Quality attributes (keys 1–9)</source>
        <translation>质量属性（按键 1–9）</translation>
    </message>
    <message>
        <source>Model draft</source>
        <translation>模型草稿</translation>
    </message>
    <message>
        <source>Overall quality (Alt+1/2/3)</source>
        <translation>总体质量（Alt+1/2/3）</translation>
    </message>
    <message>
        <source>&amp;Good</source>
        <translation>良好(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Usable</source>
        <translation>可用(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>拒绝(&amp;R)</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Describe the quality: findings, severity, clinical impact. End with the overall rating.</source>
        <translation>描述图像质量：所见、严重程度、临床影响。最后给出总体评级。</translation>
    </message>
    <message>
        <source>Unreadable (F)</source>
        <translation>无法判读 (F)</translation>
    </message>
    <message>
        <source>Wrong modality (Alt+M)</source>
        <translation>模态错误 (Alt+M)</translation>
    </message>
    <message>
        <source>PHI visible (Alt+P)</source>
        <translation>可见患者隐私信息 (Alt+P)</translation>
    </message>
    <message>
        <source>flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Accept draft (A)</source>
        <translation>接受草稿 (A)</translation>
    </message>
    <message>
        <source>Submit &amp;&amp; next (Ctrl+Enter)</source>
        <translation>提交并转到下一项 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>typing</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Select an item in a queue to start.</source>
        <translation>请在队列中选择一项开始。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · queue &lt;i&gt;%3&lt;/i&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · 队列 &lt;i&gt;%3&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Why here: %1</source>
        <translation>&lt;br&gt;进入此队列的原因：%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#d08a00&apos;&gt;Restored your unsubmitted work.&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#d08a00&apos;&gt;已恢复您未提交的工作。&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;The file declares text burned into the pixels: check for patient identity and flag PHI visible (Alt+P).&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;该文件声明像素中含有烧录文字：请检查是否暴露患者身份，如有请标记“可见患者隐私信息”(Alt+P)。&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:gray&apos;&gt;No model draft for this item: %1&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;此项没有模型草稿：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>无</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>轻度</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>中度</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>重度</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>编辑中…</translation>
    </message>
    <message>
        <source>NOT SAVED</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>There is no model draft to accept: write the annotation and press Ctrl+Enter.</source>
        <translation>没有可接受的模型草稿：请填写标注后按 Ctrl+Enter。</translation>
    </message>
    <message>
        <source>Choose an answer (Ctrl+1…4) or flag the image as unreadable before submitting.</source>
        <translation>提交前请选择一个答案（Ctrl+1…4）或将图像标记为无法判读。</translation>
    </message>
    <message>
        <source>Set the overall quality (Alt+1 good, Alt+2 usable, Alt+3 reject) before submitting.</source>
        <translation>提交前请设置总体质量（Alt+1 良好，Alt+2 可用，Alt+3 拒绝）。</translation>
    </message>
    <message>
        <source>Could not submit: %1</source>
        <translation>无法提交：%1</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;&lt;b&gt;PHI risk: burned-in text&lt;/b&gt; was found in the pixels; the image is kept out of exports. Flag PHI visible (Alt+P) if it shows patient identity.&lt;/span&gt;</source>
        <translation>&lt;br&gt;&lt;span style=&apos;color:#c0392b&apos;&gt;在像素中发现&lt;b&gt;隐私风险：烧录文字&lt;/b&gt;；该图像不会被导出。如其暴露患者身份，请标记“可见患者隐私信息”(Alt+P)。&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>medq::gui::AnnotatorDialog</name>
    <message>
        <source>Who is annotating?</source>
        <translation>谁在标注？</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>Lab lead</source>
        <translation>实验室负责人</translation>
    </message>
    <message>
        <source>e.g. dr.meyer</source>
        <translation>例如 dr.meyer</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
</context>
<context>
    <name>medq::gui::CheckpointTableModel</name>
    <message>
        <source>%1 (current)</source>
        <translation>%1（当前）</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>medq::gui::ComparisonView</name>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
</context>
<context>
    <name>medq::gui::DestinationCombo</name>
    <message>
        <source>Import (de-identified)</source>
        <translation>导入（去标识化）</translation>
    </message>
    <message>
        <source>Register in the pool</source>
        <translation>登记到图像池</translation>
    </message>
</context>
<context>
    <name>medq::gui::DisplayNames</name>
    <message>
        <source>MRI</source>
        <translation>磁共振</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT</translation>
    </message>
    <message>
        <source>Endoscopy</source>
        <translation>内镜</translation>
    </message>
    <message>
        <source>Histopathology</source>
        <translation>组织病理</translation>
    </message>
    <message>
        <source>Fundus photography</source>
        <translation>眼底照相</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Spot-check</source>
        <translation>抽查</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>yes/no question</source>
        <translation>是非题</translation>
    </message>
    <message>
        <source>what question</source>
        <translation>“是什么”问题</translation>
    </message>
    <message>
        <source>how question</source>
        <translation>“怎么样”问题</translation>
    </message>
    <message>
        <source>comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>it wrote no words</source>
        <translation>它没有写出任何词语</translation>
    </message>
    <message>
        <source>it repeated one word over and over</source>
        <translation>它一遍又一遍地重复同一个词</translation>
    </message>
    <message>
        <source>it never finished the description</source>
        <translation>它没有写完描述</translation>
    </message>
</context>
<context>
    <name>medq::gui::DraftRendering</name>
    <message>
        <source>Model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;Answer entropy %1 nats&lt;/p&gt;</source>
        <translation>&lt;p&gt;答案熵 %1 nats&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:gray&apos;&gt;Mean token entropy %1 nats; highlighted words are uncertain (entropy &amp;gt; %2)&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;平均词元熵 %1 nats；高亮的词不确定（熵 &amp;gt; %2）&lt;/p&gt;</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>无</translation>
    </message>
    <message>
        <source>mild</source>
        <translation>轻度</translation>
    </message>
    <message>
        <source>moderate</source>
        <translation>中度</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>重度</translation>
    </message>
    <message>
        <source>good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>usable</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Model %1 · assessment of the image</source>
        <translation>模型 %1 · 图像评估</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Overall quality: %1&lt;/b&gt; · score %2 of 5&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;总体质量：%1&lt;/b&gt; · 评分 %2 / 5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No quality attribute is likely present.&lt;/p&gt;</source>
        <translation>&lt;p&gt;很可能不存在任何质量属性问题。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#9a6700&apos;&gt;&lt;b&gt;The description concludes %1, the rated level is %2&lt;/b&gt;: the two readings disagree; judge the image yourself.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#9a6700&apos;&gt;&lt;b&gt;描述的结论为%1，评定等级为%2&lt;/b&gt;：两种判断不一致，请自行判读图像。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:gray&apos;&gt;Uncertainty %1 (0 sure, 1 lost)&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;不确定性 %1（0 确定，1 无把握）&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The model could not draft this image&lt;/b&gt;: %1. Write the description yourself.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;模型无法为此图像起草&lt;/b&gt;：%1。请自行撰写描述。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The model could not describe this image&lt;/b&gt;: %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;模型无法描述此图像&lt;/b&gt;：%1。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>medq::gui::EnginePanel</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Cancel Job</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Start Round…</source>
        <translation>开始一轮…</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>清除已结束项</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Log messages of the engine and its jobs appear here.</source>
        <translation>引擎及其任务的日志消息显示在此处。</translation>
    </message>
    <message>
        <source>Cancel the selected job; the workspace stays as it was before it (rounds resume later)</source>
        <translation>取消所选任务；工作区保持任务开始前的状态（轮次稍后可继续）</translation>
    </message>
    <message>
        <source>Queue the next loop round</source>
        <translation>将下一轮闭环加入队列</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>medq::gui::EngineStatusBar</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the running job; the workspace stays as it was before it</source>
        <translation>取消正在运行的任务；工作区保持任务开始前的状态</translation>
    </message>
    <message>
        <source>Engine idle</source>
        <translation>引擎空闲</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source> (about %1 s left)</source>
        <translation>（约剩 %1 秒）</translation>
    </message>
</context>
<context>
    <name>medq::gui::ExpertReferenceJob</name>
    <message>
        <source>Score the simulated expert</source>
        <translation>评估模拟专家</translation>
    </message>
    <message>
        <source>Simulated expert answers the test split</source>
        <translation>模拟专家回答测试集</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>已评估</translation>
    </message>
    <message>
        <source>simulated expert: accuracy %1, rubric %2</source>
        <translation>模拟专家：准确率 %1，评分量表 %2</translation>
    </message>
    <message>
        <source>no synthetic test tasks to score the simulated expert on</source>
        <translation>没有可用于评估模拟专家的合成测试任务</translation>
    </message>
</context>
<context>
    <name>medq::gui::ImageBrowser</name>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Queue for annotation</source>
        <translation>加入标注队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Search path or series…</source>
        <translation>搜索路径或序列…</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>任意来源</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Put the selected images in the expert queue (Ctrl+Shift+Q)</source>
        <translation>将所选图像放入专家队列（Ctrl+Shift+Q）</translation>
    </message>
    <message>
        <source>Any modality</source>
        <translation>任意模态</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>medq::gui::ImageCatalogModel</name>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>benchmark</source>
        <translation>基准</translation>
    </message>
    <message>
        <source>pool image</source>
        <translation>池图像</translation>
    </message>
    <message>
        <source>pool file</source>
        <translation>池文件</translation>
    </message>
    <message>
        <source>not queued</source>
        <translation>未排队</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>已排队</translation>
    </message>
    <message>
        <source>annotated</source>
        <translation>已标注</translation>
    </message>
    <message>
        <source>in pool</source>
        <translation>在池中</translation>
    </message>
    <message>
        <source>changed on disk</source>
        <translation>磁盘上已更改</translation>
    </message>
    <message>
        <source>gone from disk</source>
        <translation>磁盘上已消失</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>%1×%2×%3</source>
        <translation>%1×%2×%3</translation>
    </message>
    <message>
        <source>%1×%2</source>
        <translation>%1×%2</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>模态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>PHI risk: burned-in text</source>
        <translation>隐私风险：烧录文字</translation>
    </message>
    <message>
        <source>%1
%2: text was found in the pixels, which may identify the patient. The image is kept out of exports; check it before sharing it.</source>
        <translation>%1
%2：在像素中发现可能识别患者的文字。该图像不会被导出；分享前请检查。</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>medq::gui::LabWorkbench</name>
    <message>
        <source>Prototype Gallery</source>
        <translation>原型库</translation>
    </message>
    <message>
        <source>Rounds Dashboard</source>
        <translation>轮次仪表板</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Routing Calibration</source>
        <translation>分流校准</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>实验室(&amp;L)</translation>
    </message>
    <message>
        <source>Prototype &amp;Gallery</source>
        <translation>原型库(&amp;G)</translation>
    </message>
    <message>
        <source>Rounds &amp;Dashboard</source>
        <translation>轮次仪表板(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Engine and Logs</source>
        <translation>引擎与日志(&amp;E)</translation>
    </message>
    <message>
        <source>Routing &amp;Calibration</source>
        <translation>分流校准(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Start Round…</source>
        <translation>开始一轮(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Refresh Lab Views</source>
        <translation>刷新实验室视图(&amp;R)</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>请先打开一个工作区。</translation>
    </message>
    <message>
        <source>Cannot start a round: %1</source>
        <translation>无法开始一轮：%1</translation>
    </message>
    <message>
        <source>Round settings: %1</source>
        <translation>轮次设置：%1</translation>
    </message>
    <message>
        <source>Add Reference Set from &amp;Annotations…</source>
        <translation>从标注添加参考集(&amp;A)…</translation>
    </message>
    <message>
        <source>Cannot define a reference set: %1</source>
        <translation>无法定义参考集：%1</translation>
    </message>
    <message>
        <source>Test: measure the model on it (never trained on)</source>
        <translation>测试：用它衡量模型（从不用于训练）</translation>
    </message>
    <message>
        <source>Validation: calibrate routing and gate checkpoints with it</source>
        <translation>验证：用它校准分流并把关检查点</translation>
    </message>
    <message>
        <source>Reference Set from Annotations</source>
        <translation>来自标注的参考集</translation>
    </message>
    <message>
        <source>The annotated images of your site whose annotators agree become a reference set: their descriptions, and questions derived from their quality and attributes. Use it as:</source>
        <translation>标注者意见一致的本机构已标注图像将成为参考集：包括其描述，以及由其质量和属性派生的问题。用途：</translation>
    </message>
    <message>
        <source>Workspace busy</source>
        <translation>工作区忙</translation>
    </message>
    <message>
        <source>Another job holds this workspace: %1.

Wait for it and start the round when it finishes? The status bar shows the wait, and Cancel stops it.</source>
        <translation>另一个任务正在占用此工作区：%1。

等待它完成后再开始本轮吗？状态栏会显示等待，“取消”可停止等待。</translation>
    </message>
    <message>
        <source>&amp;Wait</source>
        <translation>等待(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Train Model…</source>
        <translation>训练模型(&amp;T)…</translation>
    </message>
    <message>
        <source>Cannot train the model: %1</source>
        <translation>无法训练模型：%1</translation>
    </message>
    <message>
        <source>Training settings: %1</source>
        <translation>训练设置：%1</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Add &amp;TorchScript Model…</source>
        <translation>添加 TorchScript 模型(&amp;T)…</translation>
    </message>
    <message>
        <source>Cannot add a model: %1</source>
        <translation>无法添加模型：%1</translation>
    </message>
    <message>
        <source>Add a TorchScript Model</source>
        <translation>添加 TorchScript 模型</translation>
    </message>
    <message>
        <source>TorchScript modules (*.pt *.pth *.ts);;All files (*)</source>
        <translation>TorchScript 模块 (*.pt *.pth *.ts);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checkpoint name:</source>
        <translation>检查点名称：</translation>
    </message>
    <message>
        <source>Cannot change the model: %1</source>
        <translation>无法更换模型：%1</translation>
    </message>
    <message>
        <source>Strategy Comparison</source>
        <translation>策略比较</translation>
    </message>
    <message>
        <source>Strategy Com&amp;parison</source>
        <translation>策略比较(&amp;P)</translation>
    </message>
</context>
<context>
    <name>medq::gui::MainWindow</name>
    <message>
        <source>MedQ-Engine Workstation</source>
        <translation>MedQ-Engine 工作站</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Demo Workspace</source>
        <translation>打开演示工作区(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Import Images…</source>
        <translation>导入图像(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Light Theme</source>
        <translation>浅色主题(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>About MedQ-Engine Workstation</source>
        <translation>关于 MedQ-Engine 工作站</translation>
    </message>
    <message>
        <source>MedQ-Engine Workstation %1
Medical image quality annotation with a closed data loop.</source>
        <translation>MedQ-Engine 工作站 %1
具有闭环数据流程的医学图像质量标注。</translation>
    </message>
    <message>
        <source>A job is running</source>
        <translation>有任务正在运行</translation>
    </message>
    <message>
        <source>Cancel the running job and quit? Its partial work is discarded.</source>
        <translation>取消正在运行的任务并退出？其已完成的部分将被丢弃。</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>请先打开一个工作区。</translation>
    </message>
    <message>
        <source>Import images</source>
        <translation>导入图像</translation>
    </message>
    <message>
        <source>Images (*.dcm *.nii *.nii.gz *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)</source>
        <translation>图像 (*.dcm *.nii *.nii.gz *.png *.jpg *.jpeg *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>%1 — %2 (%3) — MedQ-Engine Workstation</source>
        <translation>%1 — %2（%3）— MedQ-Engine 工作站</translation>
    </message>
    <message>
        <source>Select an item in a queue to start.</source>
        <translation>请在队列中选择一项开始。</translation>
    </message>
    <message>
        <source>Cannot show the image: %1</source>
        <translation>无法显示图像：%1</translation>
    </message>
    <message>
        <source>Cannot show the second image: %1</source>
        <translation>无法显示第二幅图像：%1</translation>
    </message>
    <message>
        <source>Saved annotation.</source>
        <translation>标注已保存。</translation>
    </message>
    <message>
        <source>This queue is done. Pick another queue on the left.</source>
        <translation>此队列已完成。请在左侧选择其他队列。</translation>
    </message>
    <message>
        <source>No other pending item in this queue.</source>
        <translation>此队列中没有其他待处理项。</translation>
    </message>
    <message>
        <source>Task %1 has no image in this workspace.</source>
        <translation>任务 %1 在此工作区中没有图像。</translation>
    </message>
    <message>
        <source>Viewing task %1 (%2) from the lab views; pick a queue item to annotate.</source>
        <translation>正在查看实验室视图中的任务 %1（%2）；请选择队列中的条目进行标注。</translation>
    </message>
    <message>
        <source>Task %1: %2</source>
        <translation>任务 %1：%2</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Import &amp;Folder…</source>
        <translation>导入文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation>图像(&amp;I)</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <source>Image %1 is no longer in this workspace.</source>
        <translation>图像 %1 已不在此工作区中。</translation>
    </message>
    <message>
        <source>series %1</source>
        <translation>序列 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>No model in this workspace yet, so no draft (train one with medq model train). Queue the image to annotate it.</source>
        <translation>此工作区尚无模型，因此没有草稿（请用 medq model train 训练一个）。将图像加入队列即可标注。</translation>
    </message>
    <message>
        <source>The modality of this image is not known, so the model cannot assess it.</source>
        <translation>此图像的模态未知，模型无法评估。</translation>
    </message>
    <message>
        <source>The model is assessing this image…</source>
        <translation>模型正在评估此图像…</translation>
    </message>
    <message>
        <source>The model could not draft this item: %1</source>
        <translation>模型无法为此条目生成草稿：%1</translation>
    </message>
    <message>
        <source>The model&apos;s draft is ready; open the item again to see it.</source>
        <translation>模型草稿已就绪；重新打开该条目即可查看。</translation>
    </message>
    <message>
        <source>The model could not assess this image: %1</source>
        <translation>模型无法评估此图像：%1</translation>
    </message>
    <message>
        <source>The model&apos;s assessment could not be read.</source>
        <translation>无法读取模型的评估。</translation>
    </message>
    <message>
        <source>Viewing outside the queues: Queue for annotation (Ctrl+Shift+Q) to annotate it.</source>
        <translation>正在队列之外查看：加入标注队列（Ctrl+Shift+Q）即可标注。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) queued for annotation in the expert queue</source>
        <translation>
            <numerusform>%n 张图像已加入专家标注队列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n already waited in a queue</source>
        <translation>
            <numerusform>；%n 张已在队列中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n pool file(s) left out: import them first (File ▸ Import), the pool only references them</source>
        <translation>
            <numerusform>；%n 个池文件未加入：请先导入（文件 ▸ 导入），池只引用它们</numerusform>
        </translation>
    </message>
    <message>
        <source>the model is drafting it now…</source>
        <translation>模型正在生成草稿…</translation>
    </message>
    <message>
        <source>the model could not draft it (the status bar said why); write the annotation yourself</source>
        <translation>模型无法生成草稿（状态栏已说明原因）；请自行撰写标注</translation>
    </message>
    <message>
        <source>no model in this workspace yet (review-only mode: write the annotation yourself)</source>
        <translation>此工作区尚无模型（仅审阅模式：请自行撰写标注）</translation>
    </message>
</context>
<context>
    <name>medq::gui::ModelsView</name>
    <message>
        <source>&amp;Make Current</source>
        <translation>设为当前(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Add TorchScript Model…</source>
        <translation>添加 TorchScript 模型(&amp;A)…</translation>
    </message>
    <message>
        <source>The current checkpoint evaluates, drafts, routes and assesses. A site&apos;s own model exported as TorchScript joins the list with Add TorchScript Model (docs/own-model.md).</source>
        <translation>当前检查点负责评估、起草、分流和评定。站点自己导出为 TorchScript 的模型可通过“添加 TorchScript 模型”加入列表（docs/own-model.md）。</translation>
    </message>
</context>
<context>
    <name>medq::gui::PacsMenu</name>
    <message>
        <source>&amp;DICOM</source>
        <translation>&amp;DICOM</translation>
    </message>
    <message>
        <source>Start &amp;Receiver…</source>
        <translation>启动接收器(&amp;R)…</translation>
    </message>
    <message>
        <source>S&amp;top Receiver</source>
        <translation>停止接收器(&amp;T)</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>请先打开一个工作区。</translation>
    </message>
    <message>
        <source>DICOM %1:%2 starting…</source>
        <translation>DICOM %1:%2 正在启动…</translation>
    </message>
    <message>
        <source>DICOM %1:%2 receiving: %3 stored</source>
        <translation>DICOM %1:%2 接收中：已存储 %3 个</translation>
    </message>
    <message>
        <source>, %1 refused</source>
        <translation>，已拒绝 %1 个</translation>
    </message>
    <message>
        <source>, %1 taken in</source>
        <translation>，已导入 %1 个</translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation>，失败 %1 个</translation>
    </message>
    <message>
        <source>DICOM receiver stopped</source>
        <translation>DICOM 接收器已停止</translation>
    </message>
    <message>
        <source>DICOM receiver stopped: %1</source>
        <translation>DICOM 接收器已停止：%1</translation>
    </message>
    <message>
        <source>The DICOM receiver stopped: %1</source>
        <translation>DICOM 接收器已停止：%1</translation>
    </message>
    <message>
        <source>&amp;Query PACS…</source>
        <translation>查询 PACS(&amp;Q)…</translation>
    </message>
</context>
<context>
    <name>medq::gui::PacsNodeEditor</name>
    <message>
        <source>Edit PACS Node</source>
        <translation>编辑 PACS 节点</translation>
    </message>
    <message>
        <source>Add PACS Node</source>
        <translation>添加 PACS 节点</translation>
    </message>
    <message>
        <source>C-GET (the PACS sends on our connection)</source>
        <translation>C-GET（PACS 通过我们的连接发送）</translation>
    </message>
    <message>
        <source>C-MOVE (the PACS connects to our receiver)</source>
        <translation>C-MOVE（PACS 连接到我们的接收器）</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>PACS AE title:</source>
        <translation>PACS 的 AE 标题：</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Retrieve by:</source>
        <translation>检索方式：</translation>
    </message>
    <message>
        <source>Move to our AE title:</source>
        <translation>移动到我们的 AE 标题：</translation>
    </message>
    <message>
        <source>Our receiving port:</source>
        <translation>我们的接收端口：</translation>
    </message>
    <message>
        <source>For C-MOVE the PACS must know our AE title with this computer&apos;s address and port.</source>
        <translation>使用 C-MOVE 时，PACS 必须知道我们的 AE 标题以及本机的地址和端口。</translation>
    </message>
</context>
<context>
    <name>medq::gui::PacsQueryDialog</name>
    <message>
        <source>Query PACS</source>
        <translation>查询 PACS</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>YYYYMMDD-YYYYMMDD (empty: any)</source>
        <translation>YYYYMMDD-YYYYMMDD（留空：任意）</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Modalities</source>
        <translation>模态</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Study UID</source>
        <translation>检查 UID</translation>
    </message>
    <message>
        <source>Our AE title:</source>
        <translation>本机 AE 标题：</translation>
    </message>
    <message>
        <source>Modality:</source>
        <translation>模态：</translation>
    </message>
    <message>
        <source>Study date:</source>
        <translation>检查日期：</translation>
    </message>
    <message>
        <source>Retrieved images:</source>
        <translation>获取的图像：</translation>
    </message>
    <message>
        <source>&amp;Retrieve</source>
        <translation>获取(&amp;R)</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>正在查询 %1…</translation>
    </message>
    <message>
        <source>Studies on %1: %2. Select the ones to retrieve.</source>
        <translation>%1 上的检查：%2。请选择要获取的检查。</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>删除(&amp;M)</translation>
    </message>
    <message>
        <source>PACS node:</source>
        <translation>PACS 节点：</translation>
    </message>
    <message>
        <source>Add the PACS to ask: its AE title, host and port.</source>
        <translation>请添加要查询的 PACS：其 AE 标题、主机和端口。</translation>
    </message>
    <message>
        <source>Choose a PACS node, or add one.</source>
        <translation>请选择一个 PACS 节点，或添加一个。</translation>
    </message>
    <message>
        <source>PACS node %1: %2</source>
        <translation>PACS 节点 %1：%2</translation>
    </message>
</context>
<context>
    <name>medq::gui::PoolAddDialog</name>
    <message>
        <source>Include sub-folders</source>
        <translation>包括子文件夹</translation>
    </message>
    <message>
        <source>Add Folder to the Pool</source>
        <translation>将文件夹添加到图像池</translation>
    </message>
    <message>
        <source>The images stay where they are: the pool keeps their paths, sizes and times. Adding the same folder again registers only new and changed files and marks missing ones; files that cannot be used are listed under Pool ▸ Pool Status.</source>
        <translation>图像保留在原处：图像池只记录其路径、大小和修改时间。再次添加同一文件夹时，只登记新增和已更改的文件，并标记缺失的文件；无法使用的文件列在“图像池 ▸ 图像池状态”中。</translation>
    </message>
    <message>
        <source>Folder of DICOM, NIfTI, PNG, JPEG or TIFF images</source>
        <translation>包含 DICOM、NIfTI、PNG、JPEG 或 TIFF 图像的文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Folder to add to the pool</source>
        <translation>要添加到图像池的文件夹</translation>
    </message>
    <message>
        <source>Detect from the files and their paths</source>
        <translation>根据文件及其路径识别</translation>
    </message>
    <message>
        <source>DICOM files name their modality; other files are recognised by words in their path (&quot;fundus&quot;, &quot;ct&quot;, &quot;ihc&quot;...). Choose one to register every file as that modality.</source>
        <translation>DICOM 文件自带模态；其他文件根据路径中的词识别（“fundus”、“ct”、“ihc”等）。选择一种模态可将所有文件按该模态登记。</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Modality:</source>
        <translation>模态(&amp;M)：</translation>
    </message>
    <message>
        <source>Add to Pool</source>
        <translation>添加到图像池</translation>
    </message>
    <message>
        <source>Choose a folder.</source>
        <translation>请选择一个文件夹。</translation>
    </message>
    <message>
        <source>%1: no such folder.</source>
        <translation>%1：文件夹不存在。</translation>
    </message>
    <message>
        <source>%1 is a file; choose the folder that holds it.</source>
        <translation>%1 是文件；请选择包含它的文件夹。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n file(s) of this folder could not be registered because neither the file nor its path names a modality.&lt;/b&gt; Choose the modality of these images to register them; files already registered keep theirs.</source>
        <translation>
            <numerusform>&lt;b&gt;此文件夹中有 %n 个文件无法注册，因为文件本身及其路径都没有注明模态。&lt;/b&gt;请选择这些图像的模态以注册它们；已注册的文件保留原有模态。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose the modality of the images that name none.</source>
        <translation>请为未注明模态的图像选择模态。</translation>
    </message>
</context>
<context>
    <name>medq::gui::PoolMenu</name>
    <message>
        <source>&amp;Pool</source>
        <translation>图像池(&amp;P)</translation>
    </message>
    <message>
        <source>Add &amp;Folder…</source>
        <translation>添加文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Pool &amp;Status</source>
        <translation>图像池状态(&amp;S)</translation>
    </message>
    <message>
        <source>Open a workspace first.</source>
        <translation>请先打开一个工作区。</translation>
    </message>
</context>
<context>
    <name>medq::gui::PoolStatusDialog</name>
    <message>
        <source>Pool Status</source>
        <translation>图像池状态</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>模态</translation>
    </message>
    <message>
        <source>Synthetic recipes</source>
        <translation>合成配方</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Vanished</source>
        <translation>已消失</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Why it is not used</source>
        <translation>未使用的原因</translation>
    </message>
    <message>
        <source>Last scan: %1 (%2), %3 files seen in %4.</source>
        <translation>上次扫描：%1（%2），在 %4 中发现 %3 个文件。</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>No folder has been added yet (Pool ▸ Add Folder).</source>
        <translation>尚未添加任何文件夹（图像池 ▸ 添加文件夹）。</translation>
    </message>
    <message>
        <source>%1 files are not usable; the first %2 are listed.</source>
        <translation>%1 个文件无法使用；列出了前 %2 个。</translation>
    </message>
    <message>
        <source>1 file is not usable.</source>
        <translation>1 个文件无法使用。</translation>
    </message>
    <message>
        <source>%1 files are not usable.</source>
        <translation>%1 个文件无法使用。</translation>
    </message>
</context>
<context>
    <name>medq::gui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>The language changes the next time you start the workstation. Start with --lang to override it once.</source>
        <translation>语言将在下次启动工作站时生效。可用 --lang 临时覆盖一次。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>medq::gui::PrototypeCard</name>
    <message numerus="yes">
        <source>&lt;b&gt;Prototype %1&lt;/b&gt; · %2 · %n member(s)</source>
        <translation>
            <numerusform>&lt;b&gt;原型 %1&lt;/b&gt; · %2 · %n 个成员</numerusform>
        </translation>
    </message>
    <message>
        <source>Medoid: task %1</source>
        <translation>中心样本：任务 %1</translation>
    </message>
    <message>
        <source>No medoid</source>
        <translation>无中心样本</translation>
    </message>
    <message>
        <source>Members nearest the medoid first; double-click one to open it in the viewer</source>
        <translation>成员按与中心样本的距离排序；双击可在查看器中打开</translation>
    </message>
    <message>
        <source>Previous page of members</source>
        <translation>上一页成员</translation>
    </message>
    <message>
        <source>Next page of members</source>
        <translation>下一页成员</translation>
    </message>
    <message>
        <source>%1 ×%2</source>
        <translation>%1 ×%2</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>舍弃</translation>
    </message>
    <message>
        <source>Missed: %1
Failure rate: %2%
Retrieved: %3 pool items
Status: %4 (%5)</source>
        <translation>漏判：%1
失败率：%2%
检索：%3 个候选池条目
状态：%4（%5）</translation>
    </message>
    <message>
        <source>no perception attribute (descriptions failed)</source>
        <translation>无感知属性（描述失败）</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>medq::gui::PrototypeComparison</name>
    <message>
        <source>first round</source>
        <translation>第一轮</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>growing</source>
        <translation>增长</translation>
    </message>
    <message>
        <source>shrinking</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
</context>
<context>
    <name>medq::gui::PrototypeGallery</name>
    <message>
        <source>Compare with the previous round</source>
        <translation>与上一轮比较</translation>
    </message>
    <message>
        <source>Match prototypes by dominant modality and attribute with the round before</source>
        <translation>按主要模态和属性与上一轮的原型匹配</translation>
    </message>
    <message>
        <source>The round whose failure prototypes are shown</source>
        <translation>显示其失败原型的轮次</translation>
    </message>
    <message>
        <source>Round:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <source>Round %1 (%2, %3)</source>
        <translation>第 %1 轮（%2，%3）</translation>
    </message>
    <message>
        <source>No loop round yet. Start one from Lab ▸ Start Round.</source>
        <translation>尚无闭环轮次。请通过 实验室 ▸ 开始一轮 启动。</translation>
    </message>
    <message>
        <source>Open a workspace to see its failure prototypes.</source>
        <translation>打开工作区以查看其失败原型。</translation>
    </message>
    <message>
        <source>Round %1: %2 prototype(s), %3 kept, %4 dropped; %5 of %6 evaluated items failed.</source>
        <translation>第 %1 轮：%2 个原型，保留 %3 个，舍弃 %4 个；%6 个已评估条目中 %5 个失败。</translation>
    </message>
    <message>
        <source>Against round %1: %2.</source>
        <translation>与第 %1 轮相比：%2。</translation>
    </message>
    <message>
        <source>nothing to compare</source>
        <translation>无可比较内容</translation>
    </message>
</context>
<context>
    <name>medq::gui::PrototypeMemberModel</name>
    <message>
        <source>d %1</source>
        <translation>距离 %1</translation>
    </message>
    <message>
        <source>Task %1, distance %2 from the medoid; double-click to open it in the viewer</source>
        <translation>任务 %1，与中心样本距离 %2；双击可在查看器中打开</translation>
    </message>
</context>
<context>
    <name>medq::gui::QueueListModel</name>
    <message>
        <source> · uncertainty %1</source>
        <translation> · 不确定度 %1</translation>
    </message>
    <message>
        <source> · gold</source>
        <translation> · 金标准</translation>
    </message>
    <message>
        <source>%1
%2x%3x%4 %5
Why here: %6</source>
        <translation>%1
%2x%3x%4 %5
进入此队列的原因：%6</translation>
    </message>
    <message>
        <source>(not recorded)</source>
        <translation>（未记录）</translation>
    </message>
</context>
<context>
    <name>medq::gui::QueuePanel</name>
    <message>
        <source>Model was lost: write the full description</source>
        <translation>模型无法判断：请写出完整描述</translation>
    </message>
    <message>
        <source>Model was unsure: confirm or edit its draft</source>
        <translation>模型不确定：请确认或修改其草稿</translation>
    </message>
    <message>
        <source>Auto-accepted drafts drawn for a spot check</source>
        <translation>为抽查而抽取的自动接受草稿</translation>
    </message>
    <message>
        <source>This queue is empty. Items arrive here when a loop round routes model drafts.</source>
        <translation>此队列为空。当一轮闭环将模型草稿分流时，条目会出现在这里。</translation>
    </message>
    <message>
        <source>No workspace is open. Use File ▸ Open Workspace… or File ▸ Open Demo Workspace.</source>
        <translation>未打开工作区。请使用 文件 ▸ 打开工作区… 或 文件 ▸ 打开演示工作区。</translation>
    </message>
</context>
<context>
    <name>medq::gui::ReceiverDialog</name>
    <message>
        <source>Start DICOM Receiver</source>
        <translation>启动 DICOM 接收器</translation>
    </message>
    <message>
        <source>AE title:</source>
        <translation>AE 标题：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Received images:</source>
        <translation>接收的图像：</translation>
    </message>
    <message>
        <source>Modalities and PACS send to this computer&apos;s address with this AE title and port. Reports and other instances without pixels are refused.</source>
        <translation>设备和 PACS 使用此 AE 标题和端口发送到本机地址。报告和其他不含像素数据的实例将被拒绝。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
</context>
<context>
    <name>medq::gui::RoundCharts</name>
    <message>
        <source>Test perception accuracy</source>
        <translation>测试集感知准确率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Description rubric</source>
        <translation>描述评分量表</translation>
    </message>
    <message>
        <source>mean rubric total (of 8)</source>
        <translation>平均量表总分（满分 8）</translation>
    </message>
    <message>
        <source>Items routed per queue</source>
        <translation>各队列分流条目数</translation>
    </message>
    <message>
        <source>items</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>auto-accept</source>
        <translation>自动接受</translation>
    </message>
    <message>
        <source>verify</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Human-seconds by queue</source>
        <translation>各队列人工耗时（秒）</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>spot checks</source>
        <translation>抽查</translation>
    </message>
    <message>
        <source>gold</source>
        <translation>金标准</translation>
    </message>
    <message>
        <source>double annotation</source>
        <translation>双重标注</translation>
    </message>
    <message>
        <source>Checkpoints: validation score before and after fine-tuning</source>
        <translation>检查点：微调前后的验证得分</translation>
    </message>
    <message>
        <source>before (base)</source>
        <translation>之前（基线）</translation>
    </message>
    <message>
        <source>after: accepted (red: rolled back)</source>
        <translation>之后：已接受（红色：已回滚）</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>已回滚</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>validation score</source>
        <translation>验证得分</translation>
    </message>
</context>
<context>
    <name>medq::gui::RoundsDashboard</name>
    <message>
        <source>Export Charts (PNG)…</source>
        <translation>导出图表（PNG）…</translation>
    </message>
    <message>
        <source>Export Table (CSV)…</source>
        <translation>导出表格（CSV）…</translation>
    </message>
    <message>
        <source>Save every chart as a PNG file in a folder</source>
        <translation>将每个图表另存为文件夹中的 PNG 文件</translation>
    </message>
    <message>
        <source>Save the rounds table as CSV</source>
        <translation>将轮次表格另存为 CSV</translation>
    </message>
    <message>
        <source>Simulated expert on this workspace&apos;s test split: accuracy %1, rubric %2 of 8.</source>
        <translation>模拟专家在此工作区测试集上的表现：准确率 %1，评分量表 %2（满分 8）。</translation>
    </message>
    <message>
        <source>Simulated expert: default figures (accuracy %1, rubric %2 of 8) until it is scored on this workspace.</source>
        <translation>模拟专家：在此工作区评估之前使用默认值（准确率 %1，评分量表 %2，满分 8）。</translation>
    </message>
    <message numerus="yes">
        <source>%n round(s).</source>
        <translation>
            <numerusform>%n 轮。</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot create the folder</source>
        <translation>无法创建文件夹</translation>
    </message>
    <message>
        <source>cannot write the PNG file</source>
        <translation>无法写入 PNG 文件</translation>
    </message>
    <message>
        <source>Export charts to</source>
        <translation>图表导出位置</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export rounds table</source>
        <translation>导出轮次表格</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>medq::gui::RoundsTableModel</name>
    <message>
        <source>Round</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Rubric (of 8)</source>
        <translation>评分量表（满分 8）</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Accuracy %1</source>
        <translation>准确率 %1</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>已选取</translation>
    </message>
    <message>
        <source>Auto-accepted</source>
        <translation>自动接受</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Human-seconds</source>
        <translation>人工耗时（秒）</translation>
    </message>
    <message>
        <source>Accepted labels</source>
        <translation>已接受标签</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Validation before</source>
        <translation>验证（之前）</translation>
    </message>
    <message>
        <source>Validation after</source>
        <translation>验证（之后）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>start</source>
        <translation>初始</translation>
    </message>
    <message>
        <source>Real reference score</source>
        <translation>真实参考集得分</translation>
    </message>
</context>
<context>
    <name>medq::gui::RoutingCalibrationView</name>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Save Thresholds</source>
        <translation>保存阈值(&amp;S)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <source>Drafts at or below this uncertainty are auto-accepted (a share spot-checked); far left: off</source>
        <translation>不确定度不高于此值的草稿将被自动接受（其中一部分会被抽查）；最左：关闭</translation>
    </message>
    <message>
        <source>Drafts at or above this uncertainty go to the expert; far right: off</source>
        <translation>不确定度不低于此值的草稿交给专家；最右：关闭</translation>
    </message>
    <message>
        <source>Whose routed items the queue sizes are counted on</source>
        <translation>队列规模依据哪一轮的分流条目统计</translation>
    </message>
    <message>
        <source>Items of:</source>
        <translation>条目来源：</translation>
    </message>
    <message>
        <source>&amp;Auto-accept at or below:</source>
        <translation>自动接受阈值（不高于）(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Expert at or above:</source>
        <translation>交给专家阈值（不低于）(&amp;E)：</translation>
    </message>
    <message>
        <source>Queue sizes:</source>
        <translation>队列规模：</translation>
    </message>
    <message>
        <source>Auto-accepted on validation:</source>
        <translation>验证集上自动接受：</translation>
    </message>
    <message>
        <source>Thresholds not saved</source>
        <translation>阈值未保存</translation>
    </message>
    <message>
        <source>Only a lead may change the routing thresholds.</source>
        <translation>只有实验室负责人可以修改分流阈值。</translation>
    </message>
    <message>
        <source>Store these thresholds for the next round (recorded in the audit log)</source>
        <translation>为下一轮保存这些阈值（记录在审计日志中）</translation>
    </message>
    <message>
        <source>Open a workspace to calibrate routing.</source>
        <translation>打开工作区以校准分流。</translation>
    </message>
    <message>
        <source>No routing calibration yet: the first round calibrates on validation drafts.</source>
        <translation>尚无分流校准：第一轮将基于验证集草稿进行校准。</translation>
    </message>
    <message numerus="yes">
        <source>Calibrated on %n validation item(s) for checkpoint %1 with a target error of %2. Saved thresholds are used by the next round while that checkpoint is current.</source>
        <translation>
            <numerusform>已基于 %n 个验证条目为检查点 %1 校准，目标错误率 %2。在该检查点仍为当前检查点时，保存的阈值将用于下一轮。</numerusform>
        </translation>
    </message>
    <message>
        <source>Round %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>auto-accept %1 · verify %2 · expert %3 (of %4 routed items)</source>
        <translation>自动接受 %1 · 核验 %2 · 专家 %3（共 %4 个分流条目）</translation>
    </message>
    <message>
        <source>no calibration curve stored</source>
        <translation>未存储校准曲线</translation>
    </message>
    <message>
        <source>none auto-accepted</source>
        <translation>无自动接受</translation>
    </message>
    <message>
        <source>%1% of validation drafts, expected error %2% (target %3%)</source>
        <translation>验证集草稿的 %1%，预期错误率 %2%（目标 %3%）</translation>
    </message>
    <message>
        <source>Validation drafts auto-accepted at each threshold</source>
        <translation>各阈值下自动接受的验证集草稿</translation>
    </message>
    <message>
        <source>uncertainty threshold</source>
        <translation>不确定度阈值</translation>
    </message>
    <message>
        <source>share / error rate</source>
        <translation>占比 / 错误率</translation>
    </message>
    <message>
        <source>error of auto-accepted</source>
        <translation>自动接受的错误率</translation>
    </message>
    <message>
        <source>share auto-accepted</source>
        <translation>自动接受占比</translation>
    </message>
    <message>
        <source>auto-accept threshold</source>
        <translation>自动接受阈值</translation>
    </message>
    <message>
        <source>expert threshold</source>
        <translation>专家阈值</translation>
    </message>
    <message>
        <source>no workspace is open</source>
        <translation>未打开工作区</translation>
    </message>
    <message>
        <source>Expected answer accuracy lost against sending every item to the expert: %1 points (limit %2; a reviewer assumed to keep %3% of a draft&apos;s wrong answers).</source>
        <translation>与全部交给专家相比，预期损失的答案准确率：%1 个百分点（上限 %2；假设审核者保留草稿中 %3% 的错误答案）。</translation>
    </message>
    <message>
        <source>Expected answer accuracy lost against sending every item to the expert: %1 points, at most %2 with 95% confidence (limit %3; a reviewer assumed to keep %4% of a draft&apos;s wrong answers and of its description&apos;s wrong findings).</source>
        <translation>与全部交给专家相比，预期损失的答案准确率：%1 个百分点，95% 置信度下至多 %2（上限 %3；假设审核者保留草稿中 %4% 的错误答案及其描述中的错误发现）。</translation>
    </message>
</context>
<context>
    <name>medq::gui::Shortcuts</name>
    <message>
        <source>Submit and go to the next item</source>
        <translation>提交并转到下一项</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Submit and go to the next item (keypad)</source>
        <translation>提交并转到下一项（小键盘）</translation>
    </message>
    <message>
        <source>Accept the model draft as it is</source>
        <translation>原样接受模型草稿</translation>
    </message>
    <message>
        <source>Undo the last change in this item</source>
        <translation>撤销此项中的上一次更改</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Overall quality: good</source>
        <translation>总体质量：良好</translation>
    </message>
    <message>
        <source>Overall quality: usable</source>
        <translation>总体质量：可用</translation>
    </message>
    <message>
        <source>Overall quality: reject</source>
        <translation>总体质量：拒绝</translation>
    </message>
    <message>
        <source>Flag: unreadable</source>
        <translation>标记：无法判读</translation>
    </message>
    <message>
        <source>Flag: wrong modality</source>
        <translation>标记：模态错误</translation>
    </message>
    <message>
        <source>Flag: patient identity visible</source>
        <translation>标记：患者身份可见</translation>
    </message>
    <message>
        <source>Edit the description (Esc leaves the editor)</source>
        <translation>编辑描述（按 Esc 离开编辑器）</translation>
    </message>
    <message>
        <source>Next pending item (keeps your draft)</source>
        <translation>下一个待处理项（保留您的草稿）</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Previous pending item</source>
        <translation>上一个待处理项</translation>
    </message>
    <message>
        <source>Skip this item for now</source>
        <translation>暂时跳过此项</translation>
    </message>
    <message>
        <source>Show the expert queue</source>
        <translation>显示专家队列</translation>
    </message>
    <message>
        <source>Show the verify queue</source>
        <translation>显示核验队列</translation>
    </message>
    <message>
        <source>Show the spot-check queue</source>
        <translation>显示抽查队列</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>显示此列表</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>应用程序</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Import images</source>
        <translation>导入图像</translation>
    </message>
    <message>
        <source>Quit (your work is already saved)</source>
        <translation>退出（您的工作已保存）</translation>
    </message>
    <message>
        <source>Preferences (language)</source>
        <translation>首选项（语言）</translation>
    </message>
    <message>
        <source>Question: answer option %1; description: cycle attribute %2 severity</source>
        <translation>问题：选择答案 %1；描述：切换属性 %2 的严重程度</translation>
    </message>
    <message>
        <source>Description: cycle attribute %1 absent → mild → moderate → severe</source>
        <translation>描述：切换属性 %1：无 → 轻度 → 中度 → 重度</translation>
    </message>
    <message>
        <source>Viewer: Up/Down, PageUp/PageDown, wheel change slice</source>
        <translation>查看器：上/下方向键、PageUp/PageDown、滚轮切换层面</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>查看器</translation>
    </message>
    <message>
        <source>Viewer: reset zoom, pan and window</source>
        <translation>查看器：重置缩放、平移和窗宽/窗位</translation>
    </message>
    <message>
        <source>Viewer: invert grey levels</source>
        <translation>查看器：反转灰度</translation>
    </message>
    <message>
        <source>Viewer: left-drag window/level, middle-drag pan, right-drag zoom</source>
        <translation>查看器：左键拖动调窗宽/窗位，中键拖动平移，右键拖动缩放</translation>
    </message>
    <message>
        <source>Show the failure prototype gallery</source>
        <translation>显示失败原型库</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>实验室</translation>
    </message>
    <message>
        <source>Show the rounds dashboard</source>
        <translation>显示轮次仪表板</translation>
    </message>
    <message>
        <source>Show the engine jobs and logs</source>
        <translation>显示引擎任务与日志</translation>
    </message>
    <message>
        <source>Show the routing calibration</source>
        <translation>显示分流校准</translation>
    </message>
    <message>
        <source>Start a loop round (leads only)</source>
        <translation>开始一轮闭环（仅限负责人）</translation>
    </message>
    <message>
        <source>Refresh the lab views</source>
        <translation>刷新实验室视图</translation>
    </message>
    <message>
        <source>Add a folder of images to the pool</source>
        <translation>将图像文件夹添加到图像池</translation>
    </message>
    <message>
        <source>Pool status: items per modality, files not usable</source>
        <translation>图像池状态：各模态的条目、无法使用的文件</translation>
    </message>
    <message>
        <source>Import a folder (DICOM series, sub-folders included)</source>
        <translation>导入文件夹（DICOM 序列，含子文件夹）</translation>
    </message>
    <message>
        <source>Show the image browser and search it</source>
        <translation>显示图像浏览器并搜索</translation>
    </message>
    <message>
        <source>Image browser: queue the selected images for annotation</source>
        <translation>图像浏览器：将所选图像加入标注队列</translation>
    </message>
    <message>
        <source>Show the checkpoints (built-in and TorchScript)</source>
        <translation>显示检查点（内置和 TorchScript）</translation>
    </message>
    <message>
        <source>Show a sample-efficiency comparison of strategies</source>
        <translation>显示各策略的样本效率比较</translation>
    </message>
</context>
<context>
    <name>medq::gui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>medq::gui::SliceViewer</name>
    <message>
        <source>soft tissue</source>
        <translation>软组织</translation>
    </message>
    <message>
        <source>lung</source>
        <translation>肺</translation>
    </message>
    <message>
        <source>bone</source>
        <translation>骨</translation>
    </message>
    <message>
        <source>brain</source>
        <translation>脑</translation>
    </message>
    <message>
        <source>liver</source>
        <translation>肝脏</translation>
    </message>
    <message>
        <source>abdomen</source>
        <translation>腹部</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>MRI</source>
        <translation>磁共振</translation>
    </message>
    <message>
        <source>CT</source>
        <translation>CT</translation>
    </message>
    <message>
        <source>Endoscopy</source>
        <translation>内镜</translation>
    </message>
    <message>
        <source>Histopathology</source>
        <translation>组织病理</translation>
    </message>
    <message>
        <source>Fundus photography</source>
        <translation>眼底照相</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>x %1  y %2  z %3</source>
        <translation>x %1  y %2  z %3</translation>
    </message>
    <message>
        <source>x %1  y %2</source>
        <translation>x %1  y %2</translation>
    </message>
    <message>
        <source>R %1  G %2  B %3</source>
        <translation>R %1  G %2  B %3</translation>
    </message>
    <message>
        <source>%1 HU</source>
        <translation>%1 HU</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>无图像</translation>
    </message>
    <message>
        <source>%1 x %2 x %3</source>
        <translation>%1 × %2 × %3</translation>
    </message>
    <message>
        <source>%1 x %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Axial</source>
        <translation>轴位</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>冠状位</translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation>矢状位</translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>True colour</source>
        <translation>真彩色</translation>
    </message>
    <message>
        <source>W %1  L %2</source>
        <translation>窗宽 %1  窗位 %2</translation>
    </message>
    <message>
        <source>Inverted</source>
        <translation>已反转</translation>
    </message>
    <message>
        <source>Zoom %1x</source>
        <translation>缩放 %1×</translation>
    </message>
</context>
<context>
    <name>medq::gui::StartRoundDialog</name>
    <message>
        <source>Start a Loop Round</source>
        <translation>开始一轮闭环</translation>
    </message>
    <message>
        <source>The round evaluates the current model, finds failure prototypes, retrieves and routes pool items, has them annotated, and fine-tunes with rollback.</source>
        <translation>本轮将评估当前模型、发现失败原型、检索并分流候选池条目、安排标注，并进行可回滚的微调。</translation>
    </message>
    <message>
        <source>&amp;Strategy</source>
        <translation>策略(&amp;S)</translation>
    </message>
    <message>
        <source>engine: failure prototypes retrieve similar pool items; random: uniform; uncertainty: most uncertain drafts; coreset: the items farthest from everything labelled (k-center greedy)</source>
        <translation>engine：由失败原型检索相似的候选池条目；random：均匀随机；uncertainty：最不确定的草稿；coreset：距所有已标注条目最远的条目（k-center 贪心）</translation>
    </message>
    <message>
        <source>&amp;Strategy:</source>
        <translation>策略(&amp;S)：</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Pool items annotated in this round (at least 1)</source>
        <translation>本轮标注的候选池条目数（至少 1）</translation>
    </message>
    <message>
        <source>&amp;Budget (items):</source>
        <translation>预算（条目）(&amp;B)：</translation>
    </message>
    <message>
        <source>Target error</source>
        <translation>目标错误率</translation>
    </message>
    <message>
        <source>Largest error rate of auto-accepted drafts, calibrated on validation (0 to 1)</source>
        <translation>自动接受草稿的最大错误率，基于验证集校准（0 到 1）</translation>
    </message>
    <message>
        <source>&amp;Target error rate:</source>
        <translation>目标错误率(&amp;T)：</translation>
    </message>
    <message>
        <source>Expert error</source>
        <translation>专家错误率</translation>
    </message>
    <message>
        <source>Drafts of no help (most answers wrong, or a description of at most 2 of 8) at least this often go to the expert (target error to 1)</source>
        <translation>无用草稿（多数答案错误，或描述不超过 8 分中的 2 分）比例不低于此值时交给专家（目标错误率到 1）</translation>
    </message>
    <message>
        <source>E&amp;xpert threshold error rate:</source>
        <translation>专家阈值错误率(&amp;X)：</translation>
    </message>
    <message>
        <source>Spot checks</source>
        <translation>抽查</translation>
    </message>
    <message>
        <source>Share of auto-accepted drafts a person still checks (0 to 1)</source>
        <translation>仍需人工检查的自动接受草稿占比（0 到 1）</translation>
    </message>
    <message>
        <source>Spot-&amp;check rate:</source>
        <translation>抽查比例(&amp;C)：</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>金标准</translation>
    </message>
    <message>
        <source>Gold items mixed into the queues (0 to 1)</source>
        <translation>混入队列的金标准条目比例（0 到 1）</translation>
    </message>
    <message>
        <source>&amp;Gold rate:</source>
        <translation>金标准比例(&amp;G)：</translation>
    </message>
    <message>
        <source>Double</source>
        <translation>双重</translation>
    </message>
    <message>
        <source>Items annotated twice for agreement (0 to 1)</source>
        <translation>为评估一致性而双重标注的条目比例（0 到 1）</translation>
    </message>
    <message>
        <source>&amp;Double-annotation rate:</source>
        <translation>双重标注比例(&amp;D)：</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <source>simulated: the headless annotator; human: the round waits for the queues to be done</source>
        <translation>simulated：无界面的模拟标注员；human：本轮等待队列完成</translation>
    </message>
    <message>
        <source>&amp;Annotator:</source>
        <translation>标注员(&amp;A)：</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Fine-tuning steps (0: no fine-tuning)</source>
        <translation>微调步数（0：不微调）</translation>
    </message>
    <message>
        <source>&amp;Fine-tune steps:</source>
        <translation>微调步数(&amp;F)：</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Fine-tuning learning rate (0 to 1, exclusive of 0)</source>
        <translation>微调学习率（大于 0 且不超过 1）</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation>LoRA 秩</translation>
    </message>
    <message>
        <source>0: full fine-tuning; above 0: LoRA adapters of this rank</source>
        <translation>0：全量微调；大于 0：使用此秩的 LoRA 适配器</translation>
    </message>
    <message>
        <source>Lo&amp;RA rank:</source>
        <translation>LoRA 秩(&amp;R)：</translation>
    </message>
    <message>
        <source>Validation items</source>
        <translation>验证条目</translation>
    </message>
    <message>
        <source>Validation tasks for the accept/rollback decision (0: all)</source>
        <translation>用于接受/回滚决策的验证任务数（0：全部）</translation>
    </message>
    <message>
        <source>&amp;Validation limit:</source>
        <translation>验证上限(&amp;V)：</translation>
    </message>
    <message>
        <source>Pool items</source>
        <translation>候选池条目</translation>
    </message>
    <message>
        <source>Pool items to embed for retrieval (0: the whole pool)</source>
        <translation>用于检索嵌入的候选池条目数（0：整个候选池）</translation>
    </message>
    <message>
        <source>&amp;Pool embed limit:</source>
        <translation>候选池嵌入上限(&amp;P)：</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Seed of every random choice in the round</source>
        <translation>本轮所有随机选择的种子</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>随机种子(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Queue Round</source>
        <translation>加入队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>“%1”不是数字</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a whole number</source>
        <translation>“%1”不是整数</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is too large</source>
        <translation>“%1”过大</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Accuracy loss</source>
        <translation>准确率损失</translation>
    </message>
    <message>
        <source>Answer accuracy the routed labels may lose against sending every item to the expert; more items go to the expert until the validation drafts&apos; expected loss fits (0.01: one point; negative: no limit)</source>
        <translation>与全部交给专家相比，分流后的标签允许损失的答案准确率；会将更多条目交给专家，直到验证草稿的预期损失在限度内（0.01：一个百分点；负数：不限制）</translation>
    </message>
    <message>
        <source>Allowed accurac&amp;y loss:</source>
        <translation>允许的准确率损失(&amp;Y)：</translation>
    </message>
    <message>
        <source>Anchoring</source>
        <translation>锚定</translation>
    </message>
    <message>
        <source>Share of a draft&apos;s wrong answers and wrong findings a reviewer leaves as they are (automation bias; 0.45 after Dratsch et al., Radiology 2023)</source>
        <translation>审核者原样保留草稿错误答案和错误发现的比例（自动化偏差；0.45，依据 Dratsch 等，Radiology 2023）</translation>
    </message>
    <message>
        <source>Reviewer a&amp;nchoring:</source>
        <translation>审核者锚定(&amp;N)：</translation>
    </message>
</context>
<context>
    <name>medq::gui::StrategyComparisonView</name>
    <message>
        <source>&amp;Open Comparison…</source>
        <translation>打开比较(&amp;O)…</translation>
    </message>
    <message>
        <source>Held-out test images (never mined)</source>
        <translation>保留的测试图像（从未挖掘）</translation>
    </message>
    <message>
        <source>Evaluation sample (mined by the engine)</source>
        <translation>评估样本（由引擎挖掘）</translation>
    </message>
    <message>
        <source>Which test score the curves and ratios are on</source>
        <translation>曲线和比值所依据的测试分数</translation>
    </message>
    <message>
        <source>Open the CSV that bench_sample_efficiency --csv wrote</source>
        <translation>打开 bench_sample_efficiency --csv 写出的 CSV 文件</translation>
    </message>
    <message>
        <source>No comparison open. Run bench_sample_efficiency with --csv, then open its file here.</source>
        <translation>尚未打开比较。请用 --csv 运行 bench_sample_efficiency，然后在此打开其文件。</translation>
    </message>
    <message>
        <source>Arm</source>
        <translation>组别</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <source>Target 1: annotations</source>
        <translation>目标 1：标注数</translation>
    </message>
    <message>
        <source>Ratio [95%]</source>
        <translation>比值 [95%]</translation>
    </message>
    <message>
        <source>Target 2: annotations</source>
        <translation>目标 2：标注数</translation>
    </message>
    <message>
        <source>Human hours a run</source>
        <translation>每次运行人工小时</translation>
    </message>
    <message>
        <source>Machine minutes a run</source>
        <translation>每次运行机器分钟</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>分数：</translation>
    </message>
    <message>
        <source>Open Strategy Comparison</source>
        <translation>打开策略比较</translation>
    </message>
    <message>
        <source>Comparison CSV (*.csv)</source>
        <translation>比较 CSV (*.csv)</translation>
    </message>
    <message>
        <source>Strategy Comparison</source>
        <translation>策略比较</translation>
    </message>
    <message>
        <source>%1: no complete run has this score yet.</source>
        <translation>%1：尚无完整运行具有此分数。</translation>
    </message>
    <message>
        <source>%1: %2 rounds. Target 1 %3 (%4), target 2 %5 (%6), base %7. Ratios: annotations the reference needs over the arm&apos;s, 95% bootstrap interval over seeds.</source>
        <translation>%1：%2 轮。目标 1 %3（%4），目标 2 %5（%6），基线 %7。比值：参考组所需标注数除以该组所需标注数，种子间 95% 自助法区间。</translation>
    </message>
    <message>
        <source>annotations</source>
        <translation>标注数</translation>
    </message>
    <message>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>未达到</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>参考</translation>
    </message>
    <message>
        <source>target %1</source>
        <translation>目标 %1</translation>
    </message>
</context>
<context>
    <name>medq::gui::ThumbnailStrip</name>
    <message>
        <source>Items of the current queue</source>
        <translation>当前队列中的条目</translation>
    </message>
</context>
<context>
    <name>medq::gui::TrainModelDialog</name>
    <message>
        <source>Read hand-made quality measures, standardised per source</source>
        <translation>读取手工质量指标（按来源标准化）</translation>
    </message>
    <message>
        <source>Make it the current model</source>
        <translation>设为当前模型</translation>
    </message>
    <message>
        <source>Train the Model</source>
        <translation>训练模型</translation>
    </message>
    <message>
        <source>Trains on the workspace&apos;s train split and keeps the weights that score best on its validation split. The default recipe takes about %1 minutes on 2 CPU cores; progress, time left and Cancel are in Lab &gt; Engine, and a cancelled run resumes when it is started again under the same name.</source>
        <translation>在工作区的训练集上训练，并保留在验证集上得分最高的权重。默认方案在 2 个 CPU 核心上约需 %1 分钟；进度、剩余时间和取消位于 实验室 &gt; 引擎，已取消的训练以相同名称再次启动时会继续。</translation>
    </message>
    <message>
        <source>From scratch (new tokenizer and network)</source>
        <translation>从头开始（新的分词器和网络）</translation>
    </message>
    <message>
        <source>Fine-tune the current model (%1)</source>
        <translation>微调当前模型（%1）</translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation>起点(&amp;S)：</translation>
    </message>
    <message>
        <source>default: trains on 2 CPU cores; base: larger, for a GPU; tiny: for tests</source>
        <translation>default：在 2 个 CPU 核心上训练；base：更大，用于 GPU；tiny：用于测试</translation>
    </message>
    <message>
        <source>&amp;Model size:</source>
        <translation>模型大小(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Steps:</source>
        <translation>步数(&amp;S)：</translation>
    </message>
    <message>
        <source>Passes of image-encoder pretraining on the attribute labels before the steps</source>
        <translation>在训练步骤之前，图像编码器在属性标签上预训练的轮数</translation>
    </message>
    <message>
        <source>&amp;Encoder pretraining (epochs):</source>
        <translation>编码器预训练（轮数）(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>批大小(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>线程数(&amp;T)：</translation>
    </message>
    <message>
        <source>token: beside the image&apos;s tokens; head: the attribute head reads only the measures; only: the measures are the decoder&apos;s only image input</source>
        <translation>token：与图像标记并列；head：属性头只读取这些指标；only：这些指标是解码器唯一的图像输入</translation>
    </message>
    <message>
        <source>Measures &amp;read by:</source>
        <translation>指标读取方式(&amp;R)：</translation>
    </message>
    <message>
        <source>automatic (base-N or ft-N)</source>
        <translation>自动（base-N 或 ft-N）</translation>
    </message>
    <message>
        <source>Stopped before it finished, resumed under this name: %1</source>
        <translation>未完成即停止，将以此名称继续：%1</translation>
    </message>
    <message>
        <source>Checkpoint &amp;name:</source>
        <translation>检查点名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>A checkpoint name is a folder name: no &apos;/&apos; and no leading &apos;.&apos;</source>
        <translation>检查点名称即文件夹名称：不能含 &apos;/&apos;，也不能以 &apos;.&apos; 开头</translation>
    </message>
</context>
<context>
    <name>medq::gui::UiLanguage</name>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
</context>
</TS>
