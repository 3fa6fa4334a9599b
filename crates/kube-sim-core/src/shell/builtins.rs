//! Shell builtins: `cd`, `export`, `exit`, `history`, `alias`, and the commands that change
//! the terminal (`clear`, `vi`, `ssh`, `sudo -i`, `sh -c`).

use super::exec::Exec;
use super::parse;
use super::state::Out;
use crate::cluster::ProcCtx;
use crate::fs::absolutize;

impl Exec<'_> {
    /// Runs `argv` as a builtin, or `None` when it is not one.
    pub(crate) fn builtin(&mut self, argv: &[String], stdin: &[u8]) -> Option<Out> {
        let args = &argv[1..];
        let out = match argv[0].as_str() {
            "cd" => self.cd(args),
            "pwd" => {
                let mut o = Out::default();
                o.out(format!("{}\n", self.st.ctx.cwd));
                o
            }
            "export" => self.export(args),
            // `:` does nothing and succeeds (`while :; do ...; done`).
            ":" => Out::default(),
            "unset" => {
                let funcs = args.first().is_some_and(|a| a == "-f");
                for a in args.iter().filter(|a| !matches!(a.as_str(), "-f" | "-v")) {
                    if funcs {
                        self.st.funcs.remove(a);
                    } else {
                        self.st.vars.remove(a);
                    }
                }
                Out::default()
            }
            "return" => self.return_builtin(args),
            "local" => self.local(args),
            "exit" | "logout" => {
                let code = match args.first() {
                    None => self.st.last,
                    Some(a) => match a.parse::<i64>() {
                        Ok(n) => n.rem_euclid(256) as i32,
                        Err(_) => {
                            let mut o = Out::fail(format!("bash: exit: {a}: numeric argument required\n"), 2);
                            self.rt.exit = Some(2);
                            self.exit_effect(&mut o);
                            return Some(o);
                        }
                    },
                };
                let mut o = Out { code, ..Out::default() };
                self.rt.exit = Some(code);
                self.exit_effect(&mut o);
                o
            }
            "history" => {
                let mut o = Out::default();
                for (i, l) in self.st.history.iter().enumerate() {
                    o.out(format!("{:>5}  {l}\n", i + 1));
                }
                o
            }
            "alias" => {
                let mut o = Out::default();
                if args.is_empty() {
                    for (k, v) in &self.st.aliases {
                        o.out(format!("alias {k}='{v}'\n"));
                    }
                }
                for a in args {
                    match a.split_once('=') {
                        Some((k, v)) => {
                            self.st.aliases.insert(k.into(), v.into());
                        }
                        None => match self.st.aliases.get(a) {
                            Some(v) => o.out(format!("alias {a}='{v}'\n")),
                            None => {
                                o.err(format!("bash: alias: {a}: not found\n"));
                                o.code = 1;
                            }
                        },
                    }
                }
                o
            }
            "set" => {
                let mut o = Out::default();
                if args.is_empty() {
                    for (k, (v, _)) in &self.st.vars {
                        o.out(format!("{k}={v}\n"));
                    }
                }
                if let Some(i) = args.iter().position(|a| a == "--") {
                    let zero = self.st.args.first().cloned().unwrap_or_default();
                    self.st.args = std::iter::once(zero).chain(args[i + 1..].iter().cloned()).collect();
                } else if let Some(first) = args.iter().position(|a| !a.starts_with('-') && !a.starts_with('+')) {
                    let zero = self.st.args.first().cloned().unwrap_or_default();
                    self.st.args = std::iter::once(zero).chain(args[first..].iter().cloned()).collect();
                }
                o
            }
            "read" => self.read(args, stdin),
            "unalias" => {
                for a in args {
                    self.st.aliases.remove(a);
                }
                Out::default()
            }
            "clear" => {
                self.rt.effects.clear = true;
                Out::default()
            }
            "vi" | "vim" | "nano" | "vimdiff" | "view" => {
                let file = args.iter().find(|a| !a.starts_with('-') && !a.starts_with('+'));
                if !self.cl.editor_available() {
                    let f = file.map_or("FILE", |f| f.as_str());
                    let msg = format!("{}: no full-screen editor in this terminal; write the file with a heredoc:\n  cat > {f} <<'EOF'\n  ...\n  EOF\n", argv[0]);
                    return Some(Out::fail(msg, 1));
                }
                if let Some(f) = file {
                    self.rt.effects.open_in_editor = Some(absolutize(&self.st.ctx.cwd, f));
                }
                Out::default()
            }
            "sh" | "bash" | "/bin/sh" | "/bin/bash" | "/usr/bin/bash" | "/usr/bin/sh" => self.sh(argv, stdin),
            "source" | "." => match args.first() {
                None => Out::fail(format!("bash: {}: filename argument required\n", argv[0]), 2),
                Some(f) => match self.cl.read_file(&self.st.ctx, f) {
                    Ok(d) => {
                        self.rt.sourcing += 1;
                        let mut o = self.run_text(&String::from_utf8_lossy(&d), b"");
                        self.rt.sourcing -= 1;
                        if let Some(code) = self.rt.returning.take() {
                            o.code = code;
                        }
                        o
                    }
                    Err(e) => Out::fail(format!("bash: {f}: {e}\n"), 1),
                },
            },
            "ssh" => self.ssh(args, stdin),
            "sudo" => self.sudo(args, stdin),
            "su" => self.su(args),
            "type" => {
                let mut o = Out::default();
                for a in args {
                    if let Some(v) = self.st.aliases.get(a) {
                        o.out(format!("{a} is aliased to `{v}'\n"));
                    } else if BUILTINS.contains(&a.as_str()) {
                        o.out(format!("{a} is a shell builtin\n"));
                    } else if crate::programs::exists(self.cl, &self.st.ctx, a) {
                        o.out(format!("{a} is /usr/bin/{a}\n"));
                    } else {
                        o.err(format!("bash: type: {a}: not found\n"));
                        o.code = 1;
                    }
                }
                o
            }
            _ => return None,
        };
        Some(out)
    }

    /// `read [-r] [-p PROMPT] [NAME...]`: one line of stdin into variables (`REPLY` by default).
    fn read(&mut self, args: &[String], stdin: &[u8]) -> Out {
        let mut raw = false;
        let mut names = Vec::new();
        let mut o = Out::default();
        let mut i = 0;
        while let Some(a) = args.get(i) {
            match a.as_str() {
                "-r" => raw = true,
                "-p" => {
                    i += 1;
                    if let Some(p) = args.get(i) {
                        o.err(p.as_bytes());
                    }
                }
                _ if a.starts_with('-') && names.is_empty() => {
                    return Out::fail(format!("bash: read: {a}: invalid option\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n"), 2);
                }
                _ => names.push(a.clone()),
            }
            i += 1;
        }
        let rest = &stdin[self.consumed.min(stdin.len())..];
        if rest.is_empty() {
            o.code = 1;
            return o;
        }
        let end = rest.iter().position(|b| *b == b'\n');
        let take = end.map_or(rest.len(), |e| e + 1);
        self.consumed += take;
        let mut line = String::from_utf8_lossy(&rest[..end.unwrap_or(rest.len())]).into_owned();
        if !raw {
            let mut unescaped = String::new();
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        unescaped.push(n);
                    }
                } else {
                    unescaped.push(c);
                }
            }
            line = unescaped;
        }
        if names.is_empty() {
            self.st.set("REPLY", &line);
        } else {
            let mut rest = line.trim_start_matches([' ', '\t']);
            for (k, name) in names.iter().enumerate() {
                if k + 1 == names.len() {
                    self.st.set(name, rest.trim_end_matches([' ', '\t']));
                } else {
                    let end = rest.find([' ', '\t']).unwrap_or(rest.len());
                    self.st.set(name, &rest[..end]);
                    rest = rest[end..].trim_start_matches([' ', '\t']);
                }
            }
        }
        o.code = if end.is_some() { 0 } else { 1 };
        o
    }

    /// `return [N]`: ends the running function (or sourced file) with status N (`$?` without).
    fn return_builtin(&mut self, args: &[String]) -> Out {
        if self.rt.funcnest == 0 && self.rt.sourcing == 0 {
            return Out::fail("bash: return: can only `return' from a function or sourced script\n", 1);
        }
        let mut o = Out::default();
        o.code = match args.first() {
            None => self.st.last,
            Some(a) => match a.parse::<i64>() {
                Ok(n) => n.rem_euclid(256) as i32,
                Err(_) => {
                    o.err(format!("bash: return: {a}: numeric argument required\n"));
                    2
                }
            },
        };
        self.rt.returning = Some(o.code);
        o
    }

    /// `local NAME[=VALUE]...`: variables put back when the function returns.
    fn local(&mut self, args: &[String]) -> Out {
        if self.rt.funcnest == 0 {
            return Out::fail("bash: local: can only be used in a function\n", 1);
        }
        let mut o = Out::default();
        for a in args {
            let (k, v) = match a.split_once('=') {
                Some((k, v)) => (k, Some(v)),
                None => (a.as_str(), None),
            };
            if !parse::is_name(k) {
                o.err(format!("bash: local: `{a}': not a valid identifier\n"));
                o.code = 1;
                continue;
            }
            let old = self.st.vars.get(k).cloned();
            let fresh = match self.rt.locals.last_mut() {
                Some(frame) if !frame.iter().any(|(n, _)| n == k) => {
                    frame.push((k.to_string(), old));
                    true
                }
                _ => false,
            };
            match v {
                Some(v) => self.st.set(k, v),
                None if fresh => {
                    self.st.vars.remove(k);
                }
                None => {}
            }
        }
        o
    }

    fn exit_effect(&mut self, o: &mut Out) {
        if self.rt.interactive && self.interactive {
            self.rt.effects.pop = true;
            o.out(if self.st.login { "logout\n" } else { "exit\n" });
        }
    }

    fn cd(&mut self, args: &[String]) -> Out {
        let args: Vec<&String> = args.iter().filter(|a| a.as_str() != "-P" && a.as_str() != "-L").collect();
        if args.len() > 1 {
            return Out::fail("bash: cd: too many arguments\n", 1);
        }
        let mut o = Out::default();
        let target = match args.first().map(|s| s.as_str()) {
            None | Some("~") => self.st.home(),
            Some("-") => match self.st.get("OLDPWD") {
                Some(p) => {
                    o.out(format!("{p}\n"));
                    p.to_string()
                }
                None => return Out::fail("bash: cd: OLDPWD not set\n", 1),
            },
            Some(p) => p.to_string(),
        };
        let abs = absolutize(&self.st.ctx.cwd, &target);
        let cred = self.cl.cred(&self.st.ctx);
        let shown = args.first().map_or(target.clone(), |s| s.to_string());
        match self.cl.fs.stat(&self.st.ctx.host, &cred, &abs, true) {
            Err(e) => return Out::fail(format!("bash: cd: {shown}: {e}\n"), 1),
            Ok(st) if st.kind != crate::fs::Kind::Dir => return Out::fail(format!("bash: cd: {shown}: Not a directory\n"), 1),
            Ok(_) if !self.cl.fs.access(&self.st.ctx.host, &cred, &abs, 1) => {
                return Out::fail(format!("bash: cd: {shown}: Permission denied\n"), 1)
            }
            Ok(_) => {}
        }
        let old = std::mem::replace(&mut self.st.ctx.cwd, abs.clone());
        self.st.set("OLDPWD", &old);
        self.st.set("PWD", &abs);
        o
    }

    fn export(&mut self, args: &[String]) -> Out {
        let mut o = Out::default();
        let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        if names.is_empty() {
            for (k, (v, e)) in &self.st.vars {
                if *e {
                    o.out(format!("declare -x {k}=\"{}\"\n", v.replace('\\', "\\\\").replace('"', "\\\"")));
                }
            }
            return o;
        }
        for a in names {
            let (k, v) = match a.split_once('=') {
                Some((k, v)) => (k, Some(v)),
                None => (a.as_str(), None),
            };
            if !parse::is_name(k) {
                o.err(format!("bash: export: `{a}': not a valid identifier\n"));
                o.code = 1;
                continue;
            }
            let value = v.map(str::to_string).or_else(|| self.st.get(k).map(str::to_string)).unwrap_or_default();
            self.st.vars.insert(k.to_string(), (value, true));
        }
        o
    }

    /// Parses and runs `text` in this shell.
    pub(crate) fn run_text(&mut self, text: &str, stdin: &[u8]) -> Out {
        match parse::parse(text) {
            Ok((list, heredocs)) => {
                let saved = std::mem::replace(&mut self.heredocs, heredocs);
                let out = self.list(&list, stdin);
                self.heredocs = saved;
                out
            }
            Err(e) => Out::fail(format!("bash: {}", e.message()), 2),
        }
    }

    /// `sh -c 'script' [NAME [ARGS...]]`, `sh FILE`, or a nested interactive `bash`.
    fn sh(&mut self, argv: &[String], stdin: &[u8]) -> Out {
        let shell = argv[0].rsplit('/').next().unwrap_or("sh").to_string();
        let args = &argv[1..];
        let (script, rest) = match args.iter().position(|a| a == "-c") {
            Some(i) => match args.get(i + 1) {
                Some(s) => (s.clone(), args[i + 2..].to_vec()),
                None => return Out::fail(format!("{shell}: -c: option requires an argument\n"), 2),
            },
            None => match args.iter().find(|a| !a.starts_with('-')) {
                Some(f) => match self.cl.read_file(&self.st.ctx, f) {
                    Ok(d) => (String::from_utf8_lossy(&d).into_owned(), Vec::new()),
                    Err(e) => return Out::fail(format!("{shell}: {f}: {e}\n"), 127),
                },
                None if !stdin.is_empty() => (String::from_utf8_lossy(stdin).into_owned(), Vec::new()),
                None => {
                    if self.rt.interactive {
                        self.rt.effects.push = Some(self.st.ctx.clone());
                        self.rt.effects.nested = true;
                    }
                    return Out::default();
                }
            },
        };
        let interactive = self.interactive;
        self.interactive = false;
        let out = self.subshell(|ex| {
            let mut positional = vec![rest.first().cloned().unwrap_or_else(|| shell.clone())];
            positional.extend(rest.iter().skip(1).cloned());
            ex.st.args = positional;
            ex.st.funcs.clear();
            let mut o = ex.run_text(&script, stdin);
            if let Some(code) = ex.rt.exit {
                o.code = code;
            }
            o
        });
        self.interactive = interactive;
        out
    }

    fn ssh(&mut self, args: &[String], stdin: &[u8]) -> Out {
        let mut i = 0;
        while let Some(a) = args.get(i) {
            if a.starts_with('-') {
                i += if matches!(a.as_str(), "-o" | "-p" | "-i" | "-l" | "-F") { 2 } else { 1 };
            } else {
                break;
            }
        }
        let Some(dest) = args.get(i) else {
            return Out::fail("usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface]\n           [-b bind_address] [-c cipher_spec] [-D [bind_address:]port]\n           [-E log_file] [-e escape_char] [-F configfile] [-I pkcs11]\n           [-i identity_file] [-J [user@]host[:port]] [-L address]\n           [-l login_name] [-m mac_spec] [-O ctl_cmd] [-o option] [-p port]\n           [-Q query_option] [-R address] [-S ctl_path] [-W host:port]\n           [-w local_tun[:remote_tun]] destination [command [argument ...]]\n", 255);
        };
        let (user, host) = match dest.split_once('@') {
            Some((u, h)) => (u.to_string(), h.to_string()),
            None => ("root".to_string(), dest.clone()),
        };
        let host = if matches!(host.as_str(), "localhost" | "127.0.0.1") { self.st.ctx.host.clone() } else { host };
        let Some(h) = self.cl.hosts.get(&host) else {
            return Out::fail(format!("ssh: Could not resolve hostname {host}: Name or service not known\n"), 255);
        };
        if !h.powered_on {
            return Out::fail(format!("ssh: connect to host {host} port 22: No route to host\n"), 255);
        }
        let name = h.name.clone();
        let Some(home) = crate::hosts::users::user_by_name(&self.cl.fs, &name, &user).map(|u| u.home) else {
            return Out::fail(format!("{user}@{host}: Permission denied (publickey,gssapi-keyex,gssapi-with-mic,password).\n"), 255);
        };
        let ctx = ProcCtx { host: name, user, cwd: home };
        let cmd: Vec<String> = args[i + 1..].to_vec();
        if cmd.is_empty() {
            let mut o = Out::default();
            if self.rt.interactive {
                let now = self.cl.now();
                let from = self.cl.hosts.get(&self.st.ctx.host).map_or_else(|| "127.0.0.1".to_string(), |h| h.ip.clone());
                if let Some(h) = self.cl.hosts.get_mut(&ctx.host) {
                    if let Some((t, ip)) = h.last_login.replace((now, from)) {
                        o.out(format!("Last login: {} from {ip}\n", crate::programs::sys::strftime(t, "%a %b %e %H:%M:%S %Y")));
                    }
                }
                self.rt.effects.push = Some(ctx);
                self.rt.effects.ssh_dest = Some(host);
            }
            return o;
        }
        let script = cmd.join(" ");
        super::run_script_as(self.cl, &ctx, &script, stdin, self.rt)
    }

    fn sudo(&mut self, args: &[String], stdin: &[u8]) -> Out {
        let root_ctx = ProcCtx { user: "root".into(), ..self.st.ctx.clone() };
        match args.first().map(String::as_str) {
            None => Out::fail("usage: sudo -h | -K | -k | -V\nusage: sudo -v [-AknS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-AknS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command]\nusage: sudo [-AbEHknPS] [-r role] [-t type] [-C num] [-g group] [-h host] [-p prompt] [-T timeout] [-u user] [VAR=value] [-i|-s] [<command>]\nusage: sudo -e [-AknS] [-r role] [-t type] [-C num] [-g group] [-h host] [-p prompt] [-T timeout] [-u user] file ...\n", 1),
            Some("-i" | "-s") | Some("su") | Some("bash") | Some("-su") => {
                if self.rt.interactive {
                    let cwd = if args.first().map(String::as_str) == Some("-s") || args.get(1).is_none() && args[0] == "su" { self.st.ctx.cwd.clone() } else { "/root".into() };
                    self.rt.effects.push = Some(ProcCtx { cwd, ..root_ctx });
                }
                Out::default()
            }
            Some(_) => {
                let argv: Vec<String> = args.to_vec();
                let mut st = self.st.clone();
                st.ctx = root_ctx.clone();
                let ctx = root_ctx;
                let env = st.env();
                if matches!(argv[0].as_str(), "sh" | "bash" | "/bin/sh" | "/bin/bash" | "vi" | "vim" | "nano") {
                    let saved = std::mem::replace(self.st, st);
                    let o = self.run_argv(&argv, &[], stdin);
                    let cwd = self.st.ctx.cwd.clone();
                    *self.st = saved;
                    self.st.ctx.cwd = cwd;
                    return o;
                }
                match crate::programs::run(self.cl, &ctx, &env, &argv, stdin, self.tty) {
                    Some(o) => o,
                    None => Out::fail(format!("sudo: {}: command not found\n", argv[0]), 1),
                }
            }
        }
    }

    fn su(&mut self, args: &[String]) -> Out {
        let user = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_else(|| "root".into());
        if self.st.ctx.user != "root" {
            return Out::fail("Password: \nsu: Authentication failure\n", 1);
        }
        let Some(u) = crate::hosts::users::user_by_name(&self.cl.fs, &self.st.ctx.host, &user) else {
            return Out::fail(format!("su: user {user} does not exist\n"), 1);
        };
        let login = args.iter().any(|a| a == "-" || a == "-l" || a == "--login");
        let cwd = if login { u.home } else { self.st.ctx.cwd.clone() };
        if self.rt.interactive {
            self.rt.effects.push = Some(ProcCtx { host: self.st.ctx.host.clone(), user, cwd });
        }
        Out::default()
    }
}

/// The builtins `type` and completion know.
pub const BUILTINS: &[&str] = &[
    ".", ":", "alias", "bash", "cd", "clear", "exit", "export", "history", "local", "logout", "nano", "pwd", "read", "return", "set", "sh",
    "source", "ssh", "su", "sudo", "type", "unalias", "unset", "vi", "vim",
];
