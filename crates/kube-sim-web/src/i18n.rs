//! UI strings in both languages. kubectl output is never translated.

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The language the browser prefers, English unless it asks for Chinese.
    pub fn from_browser() -> Self {
        let preferred = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
        if preferred.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The other language.
    pub fn toggled(self) -> Self {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// The lessons crate's language.
    pub fn lesson(self) -> kube_sim_lessons::Lang {
        match self {
            Lang::En => kube_sim_lessons::Lang::En,
            Lang::Zh => kube_sim_lessons::Lang::Zh,
        }
    }

    /// Reads a stored code (`en`, `zh-CN`).
    pub fn parse(code: &str) -> Option<Lang> {
        kube_sim_lessons::Lang::parse(code).map(|l| match l {
            kube_sim_lessons::Lang::En => Lang::En,
            kube_sim_lessons::Lang::Zh => Lang::Zh,
        })
    }

    /// The `lang` attribute value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// A UI string, in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Msg {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

impl Msg {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

macro_rules! msgs {
    ($($name:ident = $en:literal, $zh:literal;)*) => {
        $(#[allow(missing_docs)] pub const $name: Msg = Msg { en: $en, zh: $zh };)*
        /// Every UI string, for the test that each has both languages.
        pub const ALL: &[Msg] = &[$($name),*];
    };
}

msgs! {
    APP_TITLE = "Kube Storage Playground", "Kubernetes 存储演练场";
    LESSON = "Lesson", "课程";
    LESSON_PICKER = "Choose a lesson", "选择课程";
    SANDBOX = "Sandbox", "沙盒";
    SANDBOX_OPTION = "Sandbox: an empty lab, no lesson", "沙盒：空白实验环境，不带课程";
    SANDBOX_INTRO = "An empty lab with no lesson: type any command, or pick a lesson above.", "空白实验环境，没有课程：随便输入命令，或在上方选择一门课程。";
    CHALLENGE = "challenge", "挑战";
    STEPS = "Steps", "步骤";
    STEP_DONE = "done", "已完成";
    STEP_CURRENT = "current step", "当前步骤";
    STEP_UPCOMING = "upcoming", "未开始";
    TYPE_COMMAND = "Type this command into the terminal", "把这条命令输入到终端";
    OPEN_FILE = "Open in the editor", "在编辑器中打开";
    HINTS = "Hints", "提示";
    SHOW_HINT = "Show a hint", "显示一条提示";
    NO_MORE_HINTS = "No more hints", "没有更多提示了";
    SHOW_SOLUTION = "Show solution", "显示答案";
    SOLUTION_NOTE = "The solution is typed into the terminal one line at a time: press Enter to run each line.", "答案会逐行输入到终端：每行按回车执行。";
    RESET_LESSON = "Reset lesson", "重置课程";
    RESET_LAB = "Reset lab", "重置实验环境";
    STEP_REACHED = "Step done:", "步骤完成：";
    LESSON_COMPLETE = "Lesson complete!", "课程完成！";
    EDITOR = "Manifest editor", "清单编辑器";
    EDITOR_TABS = "Workspace files", "工作区文件";
    FILE_NAME = "File name", "文件名";
    NEW_FILE = "New", "新建";
    RENAME_FILE = "Rename", "重命名";
    DELETE_FILE = "Close", "关闭";
    SAVE = "Save", "保存";
    APPLY = "Apply", "应用";
    APPLY_HINT = "Ctrl+Enter applies, Ctrl+S saves", "Ctrl+Enter 应用，Ctrl+S 保存";
    NO_FILE = "No file open. Type a name and press New, or type vi FILE in the terminal.", "没有打开的文件。输入文件名后点“新建”，或在终端输入 vi 文件名。";
    YAML_OK = "YAML parses", "YAML 解析正常";
    YAML_ERROR_AT = "YAML error on line", "YAML 错误，行";
    UNSAVED = "unsaved", "未保存";
    BAD_FILE_NAME = "A file name is a relative path without spaces or “..”.", "文件名须为相对路径，不能含空格或“..”。";
    TERMINAL = "Terminal", "终端";
    TERMINAL_INPUT = "Command line", "命令行";
    TERMINAL_HELP = "Enter runs, Tab completes (on a non-empty line), ↑/↓ history, Ctrl+C abandons the line, Ctrl+L clears", "回车执行，Tab 补全（行非空时），↑/↓ 历史，Ctrl+C 放弃当前行，Ctrl+L 清屏";
    CLUSTER_GRAPH = "Cluster", "集群";
    GRAPH_CLAIMS = "Claims (PVC)", "存储申领（PVC）";
    GRAPH_VOLUMES = "Volumes (PV)", "持久卷（PV）";
    GRAPH_BACKINGS = "Where the data lives", "数据实际存放处";
    CLOSE = "Close", "关闭";
    TIME = "Simulated time", "模拟时间";
    PAUSE = "Pause", "暂停";
    SPEED_1 = "1×", "1×";
    SPEED_10 = "10×", "10×";
    SPEED_LABEL = "Speed of simulated time", "模拟时间速度";
    SKIP_60 = "Skip 60 s", "快进 60 秒";
    UNDO = "Undo", "撤销";
    UNDO_LABEL = "Undo the last command", "撤销上一条命令";
    NOTHING_TO_UNDO = "Nothing to undo.", "没有可以撤销的命令。";
    UNDONE = "Undone:", "已撤销：";
    SHARE = "Share link", "分享链接";
    SHARE_LABEL = "Copy a link that replays this session", "复制一个可重放本次会话的链接";
    SHARE_COPIED = "Link to this session (copied to the clipboard when allowed):", "本次会话的链接（浏览器允许时已复制到剪贴板）：";
    EXPORT = "Export", "导出";
    EXPORT_LABEL = "Download this session as a JSON file", "把本次会话下载为 JSON 文件";
    IMPORT = "Import", "导入";
    IMPORT_LABEL = "Load a session from a JSON file", "从 JSON 文件载入会话";
    THEME = "Theme", "主题";
    THEME_AUTO = "Theme: auto", "主题：自动";
    THEME_LIGHT = "Theme: light", "主题：浅色";
    THEME_DARK = "Theme: dark", "主题：深色";
    DISMISS = "Dismiss", "关闭";
    SAVE_CORRUPT = "The saved session could not be read, so the playground starts clean. It was kept aside in local storage under kube-sim.session.corrupt.", "无法读取已保存的会话，演练场已重新开始。原数据保存在本地存储的 kube-sim.session.corrupt 中。";
    LINK_LOADED = "The session from the link was replayed.", "已重放链接中的会话。";
    LINK_FAILED = "The session link could not be read:", "无法读取会话链接：";
    IMPORT_FAILED = "The file is not a playground session:", "该文件不是演练场会话：";
    IMPORTED = "The session was imported and replayed.", "已导入并重放会话。";
    SECRETS_WARNING = "This session seems to contain Secrets: anyone with the link or file can read them.", "此会话似乎含有 Secret：拿到链接或文件的人都能读到它们。";
    RECORD_FULL = "This session holds 5,000 lines, the most that is saved: new lines run but are not saved or shared. Reset to start a new session.", "本次会话已有 5000 行，达到保存上限：新输入的行会执行，但不会被保存或分享。重置即可开始新的会话。";
    RESTORED = "Your last session was restored.", "已恢复上次的会话。";
    CRASH_TITLE = "Something went wrong", "出错了";
    CRASH_TEXT = "The playground hit an internal error. Your workspace was saved; reload to continue.", "演练场遇到内部错误。你的工作区已保存，重新加载即可继续。";
    RELOAD = "Reload", "重新加载";
    SWITCH_LANG = "中文", "English";
    SWITCH_LANG_LABEL = "Switch the interface to Chinese", "把界面切换为英文";
    // ui-views: mount, binding, Secret/ConfigMap and goal views.
    DETAILS_DESCRIBE = "kubectl describe", "kubectl describe";
    MOUNTS_TITLE = "Mounts (what docker inspect shows)", "挂载（docker inspect 所见）";
    MOUNTS_SESSION = "Mounts of the container this terminal is in", "当前终端所在容器的挂载";
    MOUNTS_NONE = "This container mounts no volumes.", "这个容器没有挂载卷。";
    MOUNT_CONTAINER = "Container", "容器";
    MOUNT_IN_CONTAINER = "Path in the container", "容器内路径";
    MOUNT_ON_NODE = "Path on the node (kubelet)", "节点上的路径（kubelet）";
    MOUNT_BACKED_BY = "Where the data lives", "数据实际所在";
    MOUNT_OPTIONS = "Options", "选项";
    MOUNT_NOT_SET_UP = "not set up yet", "尚未挂载";
    MOUNT_NOT_RUNNING = "not running", "未运行";
    MOUNT_VOLUME = "volume", "卷";
    READ_ONLY = "read-only", "只读";
    READ_WRITE = "read-write", "读写";
    BACKING_EMPTYDIR = "emptyDir: a folder on the disk of node", "emptyDir：位于节点磁盘上的目录，节点";
    BACKING_EMPTYDIR_MEMORY = "emptyDir in memory (tmpfs) on node", "emptyDir：内存（tmpfs），节点";
    BACKING_DELETED_WITH_POD = "deleted with the pod", "随 Pod 一起删除";
    BACKING_HOSTPATH = "hostPath on node", "hostPath，节点";
    BACKING_KEPT = "kept when the pod goes", "Pod 删除后仍保留";
    BACKING_NFS = "NFS export", "NFS 共享目录";
    BACKING_SECRET = "Secret, projected as files (tmpfs)", "Secret，以文件形式投射（tmpfs）";
    BACKING_CONFIGMAP = "ConfigMap, projected as files (tmpfs)", "ConfigMap，以文件形式投射（tmpfs）";
    BACKING_PROJECTED = "files the kubelet writes (projected / downwardAPI)", "kubelet 写入的文件（projected / downwardAPI）";
    BACKING_UNBOUND = "the claim is not bound to a volume yet: nothing to mount", "PVC 尚未绑定 PV：没有可挂载的存储";
    BACKING_OTHER = "a volume type this lab does not model", "本实验未模拟的卷类型";
    NODE_UNSCHEDULED = "(not scheduled)", "（未调度）";
    BINDING_TITLE = "Why this claim binds, or does not", "这个 PVC 为什么能（或不能）绑定";
    BINDING_REQUEST = "Request", "请求";
    BINDING_PV = "PersistentVolume", "PersistentVolume";
    BINDING_CAPACITY = "Capacity", "容量";
    BINDING_ACCESS_MODES = "Access modes", "访问模式";
    BINDING_CLASS = "Class", "存储类";
    BINDING_STATUS = "Status", "状态";
    BINDING_VERDICT = "Verdict", "结论";
    BINDING_NO_PVS = "There are no PersistentVolumes.", "集群中没有 PersistentVolume。";
    BINDING_CHOSEN = "chosen", "选中";
    BINDING_MATCHES = "matches", "匹配";
    BINDING_MISMATCH = "does not match", "不匹配";
    CONFIG_TITLE_SECRET = "Secret keys and who reads them", "Secret 的键及其使用者";
    CONFIG_TITLE_CONFIGMAP = "ConfigMap keys and who reads them", "ConfigMap 的键及其使用者";
    CONFIG_KEY = "Key", "键";
    CONFIG_BASE64 = "Stored (base64)", "存储形式（base64）";
    CONFIG_DECODED = "Decoded value", "解码后的值";
    CONFIG_VALUE = "Value", "值";
    CONFIG_CONSUMERS = "Used by", "使用者";
    CONFIG_NO_KEYS = "No keys.", "没有键。";
    CONFIG_NO_CONSUMERS = "no pod uses it", "没有 Pod 使用";
    CONFIG_BYTES = "bytes", "字节";
    VIA_FILE = "file", "文件";
    VIA_SUBPATH = "file (subPath, never updated)", "文件（subPath，不会更新）";
    VIA_ENV = "env", "环境变量";
    VIA_ENVFROM = "env (envFrom)", "环境变量（envFrom）";
    FRESH_CURRENT = "current", "最新";
    FRESH_PENDING = "stale: the kubelet rewrites it at its next sync (every 60 s), in", "旧值：kubelet 下次同步（每 60 秒）时更新，剩余";
    FRESH_STALE = "stale: fixed when the container started; restart the pod to see the new value", "旧值：容器启动时已固定，需重建 Pod 才能看到新值";
    FRESH_NOT_RUNNING = "not running", "未运行";
    SECONDS_SHORT = "s", "秒";
    SHOW_GOAL = "Show goal", "显示目标";
    HIDE_GOAL = "Hide goal", "隐藏目标";
    GOAL_TITLE = "The state this step asks for", "本步骤要求达到的状态";
    GOAL_OUTLINED = "The objects it names are outlined in the cluster graph.", "目标涉及的对象已在集群图中以轮廓标出。";
    GOAL_DONE = "Every step is done.", "所有步骤都已完成。";
    // ui-session: power button, "waiting on time" note, export for a real cluster.
    POWER_OFF = "Power off", "关机";
    POWER_ON = "Power on", "开机";
    POWERED_OFF = "powered off", "已关机";
    POWER_SWITCH = "Power of", "电源：";
    SKIP_NEXT = "Skip to next event", "跳到下一事件";
    SKIP_NEXT_LABEL = "Let simulated time pass until the next thing the cluster waits for", "让模拟时间走到集群等待的下一件事";
    WAIT_NEXT = "Next:", "下一事件：";
    WAIT_NONE = "Nothing waits on time", "没有等待时间的事件";
    WAIT_IN = "in", "后";
    WAIT_NODE_NOT_READY = "NotReady of node", "节点变为 NotReady：";
    WAIT_EVICTION = "eviction of", "驱逐";
    WAIT_CRASH_LOOP = "restart after back-off of", "退避结束后重启";
    WAIT_IMAGE_BACK_OFF = "image pull retry of", "重试拉取镜像：";
    WAIT_IMAGE_PULL = "image pulled for", "镜像拉取完成：";
    WAIT_MOUNT_RETRY = "volume mount retry of", "重试挂载卷：";
    WAIT_PROJECTED = "kubelet sync (Secret/ConfigMap volume update) of", "kubelet 同步（更新 Secret/ConfigMap 卷）：";
    WAIT_GRACE = "end of the grace period of", "宽限期结束：";
    WAIT_CLAIM_RESYNC = "PV controller resync of claim", "PV 控制器重新检查 PVC";
    WAIT_RECYCLER = "recycler deadline of", "回收器超时：";
    SECONDS = "s", "秒";
    MINUTES = "m", "分";
    HOURS = "h", "小时";
    EXPORT_CLUSTER = "Export for a real cluster", "导出到真实集群";
    EXPORT_CLUSTER_LABEL = "Download a bash script with this session's manifests and kubectl commands, for kind or minikube", "下载一个 bash 脚本，含本次会话的清单和 kubectl 命令，可在 kind 或 minikube 上运行";
    // Binding reasons (the English is the core's text; {name} marks an argument).
    BR_CHOSEN = "chosen: the claim binds to this volume", "选中：PVC 将绑定到这个卷";
    BR_MATCHES = "matches, but another volume is preferred (fewest access modes, then smallest capacity)", "匹配，但另一个卷更合适（先比访问模式最少，再比容量最小）";
    BR_CLASS = "class {pv} does not match the claim's class {claim}", "存储类 {pv} 与 PVC 的存储类 {claim} 不一致";
    BR_NO_CLASS = "\"\" (none)", "\"\"（无）";
    BR_TOO_SMALL = "capacity {have} is smaller than the {want} requested", "容量 {have} 小于请求的 {want}";
    BR_ACCESS_MODES = "access modes {pv} do not include all of the requested {claim}", "访问模式 {pv} 不包含请求的全部模式 {claim}";
    BR_SELECTOR = "labels do not match the claim's selector", "标签不满足 PVC 的选择算符（selector）";
    BR_RELEASED = "phase is Released, not Available: it still references its deleted claim (clear spec.claimRef to reuse it)", "状态为 Released 而非 Available：它仍引用已删除的 PVC（清除 spec.claimRef 后才能重用）";
    BR_NOT_AVAILABLE = "phase is {phase}, not Available", "状态为 {phase}，不是 Available";
    BR_BOUND_OTHER = "already bound to claim {claim}", "已绑定到 PVC {claim}";
    BR_VOLUME_MODE = "volumeMode {pv} does not match the requested {claim}", "volumeMode {pv} 与请求的 {claim} 不一致";
    BR_NODE_AFFINITY = "node affinity does not allow the node", "节点亲和性不允许该节点";
    BR_DELETING = "the volume is being deleted", "该卷正在被删除";
    BR_ATTRIBUTES_CLASS = "sets volumeAttributesClassName (feature disabled)", "设置了 volumeAttributesClassName（该特性未启用）";
    BR_DELAY = "would match, but class {class} is WaitForFirstConsumer: the scheduler picks a volume when a pod uses the claim", "本可匹配，但存储类 {class} 是 WaitForFirstConsumer：有 Pod 使用该 PVC 时由调度器选择卷";
    BR_NOT_REQUESTED = "the claim asks for volume {volume} by name", "PVC 按名称请求的是卷 {volume}";
    BR_UNSATISFIED = "requested by name but cannot bind: {reason}", "PVC 按名称请求了此卷，但无法绑定：{reason}";
    BS_BOUND = "Bound to volume {volume}.", "已绑定到卷 {volume}。";
    BS_BINDS = "The controller binds the claim to volume {volume}.", "控制器会把 PVC 绑定到卷 {volume}。";
    BS_BOUND_ELSEWHERE = "volume {volume} already bound to a different claim.", "卷 {volume} 已绑定到另一个 PVC。";
    BS_UNSATISFIED = "Cannot bind to requested volume {volume}: {reason}", "无法绑定到请求的卷 {volume}：{reason}";
    BS_MISSING = "The requested volume {volume} does not exist; the claim stays Pending.", "请求的卷 {volume} 不存在；PVC 保持 Pending。";
    BS_DEFAULT_CLASS = "No volume matches: the default class {class} will be assigned to the claim.", "没有匹配的卷：PVC 将被设置为默认存储类 {class}。";
    BS_WAIT_CONSUMER = "waiting for first consumer to be created before binding: no volume is bound or provisioned until a pod using the claim is scheduled.", "等待第一个使用者（WaitForFirstConsumer）：在使用该 PVC 的 Pod 被调度之前，不会绑定或制备任何卷。";
    BS_NO_CLASS = "no persistent volumes available for this claim and no storage class is set.", "没有可供该 PVC 使用的 PersistentVolume，且未设置存储类。";
    BS_CLASS_NOT_FOUND = "No volume matches and storageclass.storage.k8s.io {class} not found.", "没有匹配的卷，且找不到 storageclass.storage.k8s.io {class}。";
    BS_NO_PROVISIONER = "No volume matches and class {class} has no provisioner ({provisioner}): create a matching PV.", "没有匹配的卷，且存储类 {class} 没有制备器（{provisioner}）：请创建一个匹配的 PV。";
    BS_NO_PLUGIN = "No volume matches and no volume plugin can provision class {class} ({provisioner}).", "没有匹配的卷，且没有卷插件能为存储类 {class} 制备卷（{provisioner}）。";
    BS_EXTERNAL = "No volume matches: waiting for the external provisioner '{provisioner}' to create one.", "没有匹配的卷：等待外部制备器 '{provisioner}' 创建卷。";
    SCROLLBACK_DROPPED = "… {n} earlier lines dropped (the terminal keeps the last {max})", "… 已丢弃 {n} 行较早的输出（终端只保留最后 {max} 行）";
    // bounds: a paste too long to type, a replay that ran out of its budget.
    PASTE_KEPT = "The paste has {n} lines, more than the {max} the terminal types at once, so none of them ran. All of it is in the editor tab {file}: save it, then run it with sh {file}.", "粘贴的内容有 {n} 行，超过终端一次最多输入的 {max} 行，因此一行也没有执行。全部内容已放入编辑器标签页 {file}：保存后可用 sh {file} 运行。";
    REPLAY_CUT = "Replayed {n} of {total} lines: a replay stops after {secs} simulated seconds or {steps} shell commands. The other lines were not run; they are in the editor tab {file}, unchanged.", "已重放 {total} 行中的 {n} 行：重放最多模拟 {secs} 秒或执行 {steps} 条 shell 命令。其余的行没有执行，原样保存在编辑器标签页 {file} 中。";
    // terminal: a line too long to lay out.
    LINE_CLIPPED = " … {n} more characters of this line are not shown", " … 此行还有 {n} 个字符未显示";
    GRAPH_UNSCHEDULED = "Pods not on a node yet", "尚未调度到节点的 Pod";
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(template.to_string(), |t, (name, value)| t.replace(&format!("{{{name}}}"), value))
}

/// `n` with a comma every three digits (`1,234`).
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ui_string_has_both_languages() {
        for m in ALL {
            assert!(!m.en.trim().is_empty() && !m.zh.trim().is_empty(), "{m:?}");
        }
    }

    #[test]
    fn fill_and_grouped() {
        assert_eq!(fill("a {x} b {y} {x}", &[("x", "1"), ("y", "2")]), "a 1 b 2 1");
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1234), "1,234");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
