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
    LESSON_PLACEHOLDER = "Lessons arrive soon. Meanwhile, try `kubectl version --client` in the terminal.", "课程即将上线。现在可以先在终端里试试 `kubectl version --client`。";
    EDITOR = "Manifest editor", "清单编辑器";
    APPLY = "Apply", "应用";
    TERMINAL = "Terminal", "终端";
    TERMINAL_INPUT = "Command line", "命令行";
    CLUSTER_GRAPH = "Cluster", "集群";
    SWITCH_LANG = "中文", "English";
    SWITCH_LANG_LABEL = "Switch the interface to Chinese", "把界面切换为英文";
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
}
