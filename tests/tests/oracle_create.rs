//! Oracle tests for `kubectl create secret|configmap`: every case runs in the real kubectl
//! (`--dry-run=client`, no server) and in the simulation, and must print the same bytes.

use kube_sim_tests::oracle::{check, kubectl_available, run_real_args, Case};

const F1: (&str, &[u8]) = ("f1", b"hello\nworld\n");
const F2: (&str, &[u8]) = ("f2", b"second");
const CERT: (&str, &[u8]) = ("tls.crt", b"-----BEGIN CERTIFICATE-----\nZm9vYmFy\n-----END CERTIFICATE-----\n");
const KEY: (&str, &[u8]) = ("tls.key", b"-----BEGIN PRIVATE KEY-----\nZm9vYmFy\n-----END PRIVATE KEY-----\n");
const PLAIN: (&str, &[u8]) = ("plain.txt", b"hello\n");

/// Files whose contents exercise go-yaml's quoting and block styles.
const TRICKY: &[(&str, &[u8])] = &[
    ("y/long", b"word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word "),
    ("y/tab", b"a\tb"),
    ("y/lead", b"  lead\nx\n"),
    ("y/trail", b"trail  \nx\n"),
    ("y/yes", b"yes"),
    ("y/onezero", b"1.0"),
    ("y/empty", b""),
    ("y/colon", b"a: b"),
    ("y/hash", b"#x"),
    ("y/hash2", b"a #x"),
    ("y/quote1", b"it's"),
    ("y/quote2", b"\"q\""),
    ("y/uni", "h\u{e9}llo \u{2603} \u{1F600}".as_bytes()),
    ("y/twonl", b"x\n\n"),
    ("y/nl", b"\n"),
    ("y/nonl", b"x"),
    ("y/hex", b"0x1F"),
    ("y/oct", b"08"),
    ("y/date", b"2024-12-10"),
    ("y/stamp", b"2024-12-10T08:00:00Z"),
    ("y/tilde", b"~"),
    ("y/dash", b"- a"),
    ("y/dash1", b"-"),
    ("y/dashes", b"---"),
    ("y/space", b" "),
    ("y/crlf", b"a\r\nb\r\n"),
    ("y/multi", b"line1\n  indented\n\n\nlast"),
    ("y/yamlish", b"key: value\nlist:\n- a\n"),
    ("y/on", b"on"),
    ("y/under", b"1_000"),
    ("y/dot5", b".5"),
    ("y/exp", b"1e3"),
    ("y/nullf", b"null"),
    ("y/at", b"@at"),
    ("y/pct", b"%pct"),
    ("y/comma", b"a,b"),
    ("y/brk", b"[x"),
    ("y/colonend", b"x:"),
    ("y/qx", b"?x"),
    ("y/qsx", b"? x"),
    ("y/base60", b"1:20"),
    ("y/html", b"<b>&amp;</b>"),
    ("y/ctrl", b"bell\x07esc\x1b"),
    ("y/nbsp", "a\u{a0}b".as_bytes()),
    ("y/longdq", b"tab\tand a long line that goes on and on and on and on and on and on and on and on and past eighty"),
    ("y/key10", b"10"),
    ("y/key2", b"2"),
    ("y/Key1", b"K"),
    ("y/_under", b"u"),
    ("y/json", b"{\"a\": [1, 2]}"),
    ("y/bs", b"back\\slash"),
];

const ENV: (&str, &[u8]) = ("app.env", b"# comment\n   \n  A=1\nB=x=y\nEMPTY=\nNOEQ\n C=spaced value  \nD=\"quoted\"\n");
const ENV_BOM_CRLF: (&str, &[u8]) = ("crlf.env", b"\xef\xbb\xbfA=1\r\nB=2\r\n");
const ENV_BAD: (&str, &[u8]) = ("bad.env", b"A=1\n1B=2\n");
const ENV_SPACE_KEY: (&str, &[u8]) = ("sp.env", b"A B=1\n");
const ENV_DUP: (&str, &[u8]) = ("dup.env", b"A=1\nA=2\n");

const CASES: &[Case] = &[
    Case { name: "cm literal yaml", files: &[], line: "kubectl create configmap c --from-literal=a=b --from-literal=x==y --from-literal=e= --dry-run=client -o yaml" },
    Case { name: "cm alias literal json", files: &[], line: "kubectl create cm c --from-literal=a=<b>& --dry-run=client -o json" },
    Case { name: "cm file yaml", files: &[F1], line: "kubectl create configmap x --from-file=f1 --dry-run=client -o yaml" },
    Case { name: "cm key=file json", files: &[F1], line: "kubectl create configmap x --from-file=greeting=f1 --dry-run=client -o json" },
    Case { name: "cm tricky folder yaml", files: TRICKY, line: "kubectl create configmap tricky --from-file=y --dry-run=client -o yaml" },
    Case { name: "cm tricky folder json", files: TRICKY, line: "kubectl create configmap tricky --from-file=y/ --dry-run=client -o json" },
    Case { name: "secret tricky folder yaml", files: TRICKY, line: "kubectl create secret generic tricky --from-file=./y --dry-run=client -o yaml" },
    Case { name: "secret literal default", files: &[], line: "kubectl create secret generic s --from-literal=a=b --dry-run=client" },
    Case { name: "secret literal name", files: &[], line: "kubectl create secret generic s --from-literal=a=b --dry-run=client -o name" },
    Case { name: "cm name", files: &[], line: "kubectl create cm c --dry-run=client -oname" },
    Case { name: "secret empty json", files: &[], line: "kubectl create secret generic s --dry-run=client -o json" },
    Case { name: "cm empty yaml", files: &[], line: "kubectl create configmap c --dry-run=client -o yaml" },
    Case { name: "secret type json", files: &[], line: "kubectl create secret generic s --type=kubernetes.io/basic-auth --from-literal=username=admin --from-literal=password=t0p-Secret --dry-run=client -o json" },
    Case { name: "secret namespace json", files: &[F1], line: "kubectl create secret generic s -n foo --from-file=f1 --dry-run=client -o json" },
    Case { name: "cm namespace yaml", files: &[F1], line: "kubectl create configmap c --namespace=foo --from-file=f1 --dry-run=client -o yaml" },
    Case { name: "natural key order", files: &[], line: "kubectl create configmap c --from-literal=key10=a --from-literal=key2=b --from-literal=key1=c --from-literal=Key=d --from-literal=_k=e --from-literal=k.1=f --from-literal=k-1=g --dry-run=client -o yaml" },
    Case { name: "csv from-file", files: &[F1, F2], line: "kubectl create configmap c --from-file=f1,f2 --dry-run=client -o yaml" },
    Case { name: "binary file", files: &[("bin", b"\xff\xfe\x00\x01")], line: "kubectl create configmap c --from-file=bin --from-literal=t=x --dry-run=client -o json" },
    Case { name: "binary file yaml", files: &[("bin", b"\xff\xfe\x00\x01")], line: "kubectl create configmap c --from-file=bin --dry-run=client -o yaml" },
    Case { name: "folder skips subfolders", files: &[("d/ok", b"hi\n"), ("d/sub/x", b"s\n"), ("d/.hidden", b"h")], line: "kubectl create secret generic s --from-file=d --dry-run=client -o yaml" },
    Case { name: "long key", files: &[("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", b"v\n")], line: "kubectl create configmap c --from-file=qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq=kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk --from-literal=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=short --dry-run=client -o yaml" },
    Case { name: "env file yaml", files: &[ENV], line: "kubectl create configmap c --from-env-file=app.env --dry-run=client -o yaml" },
    Case { name: "env file secret json", files: &[ENV], line: "kubectl create secret generic s --from-env-file=app.env --dry-run=client -o json" },
    Case { name: "env bom crlf", files: &[ENV_BOM_CRLF], line: "kubectl create configmap c --from-env-file=crlf.env --dry-run=client -o yaml" },
    Case { name: "env two files", files: &[ENV_BOM_CRLF, ("more.env", b"C=3\n")], line: "kubectl create configmap c --from-env-file=crlf.env --from-env-file=more.env --dry-run=client -o yaml" },
    Case { name: "env bad key", files: &[ENV_BAD], line: "kubectl create configmap c --from-env-file=bad.env --dry-run=client" },
    Case { name: "env space key", files: &[ENV_SPACE_KEY], line: "kubectl create secret generic s --from-env-file=sp.env --dry-run=client" },
    Case { name: "env dup key cm", files: &[ENV_DUP], line: "kubectl create configmap c --from-env-file=dup.env --dry-run=client" },
    Case { name: "env dup key secret", files: &[ENV_DUP], line: "kubectl create secret generic s --from-env-file=dup.env --dry-run=client" },
    Case { name: "env is folder cm", files: &[("d/ok", b"x")], line: "kubectl create configmap c --from-env-file=d --dry-run=client" },
    Case { name: "env is folder secret", files: &[("d/ok", b"x")], line: "kubectl create secret generic s --from-env-file=d --dry-run=client" },
    Case { name: "env missing", files: &[], line: "kubectl create configmap c --from-env-file=nope.env --dry-run=client" },
    Case { name: "env combined", files: &[ENV], line: "kubectl create configmap c --from-env-file=app.env --from-literal=a=b --dry-run=client" },
    Case { name: "control chars yaml", files: &[("c/del", b"del\x7f")], line: "kubectl create configmap c --from-file=c --dry-run=client -o yaml" },
    Case { name: "control chars json", files: &[("c/del", b"del\x7f")], line: "kubectl create configmap c --from-file=c --dry-run=client -o json" },
    Case { name: "nel folds in yaml", files: &[("n/nel", "a\u{85}b  \u{85}\u{85}  c".as_bytes())], line: "kubectl create configmap c --from-file=n --dry-run=client -o yaml" },
    Case { name: "cm dup literal", files: &[], line: "kubectl create configmap c --from-literal=a=1 --from-literal=a=2 --dry-run=client" },
    Case { name: "cm dup file", files: &[F1], line: "kubectl create configmap c --from-file=f1 --from-file=f1 --dry-run=client" },
    Case { name: "cm dup file then literal", files: &[F1], line: "kubectl create configmap c --from-literal=f1=x --from-file=f1 --dry-run=client" },
    Case { name: "cm dup binary", files: &[("bin", b"\xff")], line: "kubectl create configmap c --from-file=bin --from-literal=bin=x --dry-run=client" },
    Case { name: "secret dup", files: &[], line: "kubectl create secret generic s --from-literal=a=1 --from-literal=a=2 --dry-run=client" },
    Case { name: "cm bad key", files: &[], line: "kubectl create configmap c --from-literal=a~b=1 --dry-run=client" },
    Case { name: "cm dotdot key", files: &[], line: "kubectl create configmap c --from-literal=..=1 --dry-run=client" },
    Case { name: "cm dotdot prefix", files: &[], line: "kubectl create configmap c --from-literal=..a=1 --dry-run=client" },
    Case { name: "secret bad key", files: &[], line: "kubectl create secret generic s --from-literal=a/b=1 --dry-run=client" },
    Case { name: "secret bad file key", files: &[F1], line: "kubectl create secret generic s --from-file=a:b=f1 --dry-run=client" },
    Case { name: "folder with bad file name", files: &[("d/a:b", b"x")], line: "kubectl create configmap c --from-file=d --dry-run=client" },
    Case { name: "literal no value", files: &[], line: "kubectl create configmap c --from-literal=novalue --dry-run=client" },
    Case { name: "literal no key", files: &[], line: "kubectl create secret generic s --from-literal==x --dry-run=client" },
    Case { name: "secret no name", files: &[], line: "kubectl create secret generic --from-literal=a=b --dry-run=client" },
    Case { name: "cm two names", files: &[], line: "kubectl create cm a b --dry-run=client" },
    Case { name: "name after dash", files: &[], line: "kubectl create secret generic s --from-literal=a=b --dry-run=client -o name -- extra" },
    Case { name: "missing file", files: &[], line: "kubectl create secret generic s --from-file=nope --dry-run=client" },
    Case { name: "missing key=file", files: &[], line: "kubectl create configmap c --from-file=k=./nope --dry-run=client" },
    Case { name: "file under a file", files: &[F1], line: "kubectl create configmap c --from-file=f1/x --dry-run=client" },
    Case { name: "key for folder", files: &[("d/ok", b"x")], line: "kubectl create configmap c --from-file=k=d --dry-run=client" },
    Case { name: "file source no key", files: &[F1], line: "kubectl create configmap c --from-file==f1 --dry-run=client" },
    Case { name: "file source no path", files: &[], line: "kubectl create configmap c --from-file=k= --dry-run=client" },
    Case { name: "file source two =", files: &[], line: "kubectl create secret generic s --from-file=a=b=c --dry-run=client" },
    Case { name: "dry-run bogus", files: &[], line: "kubectl create secret generic s --from-literal=a=b --dry-run=bogus" },
    Case { name: "output wide", files: &[], line: "kubectl create secret generic s --from-literal=a=b --dry-run=client -o wide" },
    Case { name: "validate bogus", files: &[], line: "kubectl create configmap c --validate=maybe --dry-run=client" },
    Case { name: "validate ok", files: &[], line: "kubectl create configmap c --validate=false --dry-run=client -o name" },
    Case { name: "unknown flag cm", files: &[], line: "kubectl create cm c --bogus" },
    Case { name: "unknown flag secret", files: &[], line: "kubectl create secret generic s --frm-literal=a=b" },
    Case { name: "flag needs argument", files: &[], line: "kubectl create secret generic s --dry-run=client -o" },
    Case { name: "secret bad subcommand", files: &[], line: "kubectl create secret bogus x" },
    Case { name: "secret no subcommand", files: &[], line: "kubectl create secret" },
    Case { name: "secret help", files: &[], line: "kubectl create secret -h" },
    Case { name: "generic help", files: &[], line: "kubectl create secret generic --help" },
    Case { name: "docker help", files: &[], line: "kubectl create secret docker-registry -h" },
    Case { name: "tls help", files: &[], line: "kubectl create secret tls x -h" },
    Case { name: "configmap help", files: &[], line: "kubectl create cm -h --from-literal=a=b" },
    Case { name: "append-hash secret", files: &[], line: "kubectl create secret generic s --from-literal=a=b --type=foo --append-hash --dry-run=client -o yaml" },
    Case { name: "append-hash cm files", files: &[F1, F2], line: "kubectl create configmap c --from-file=f1 --from-file=f2 --append-hash --dry-run=client -o name" },
    Case { name: "append-hash cm html", files: &[], line: "kubectl create configmap c --from-literal=a=<x>&y --append-hash --dry-run=client -o name" },
    Case { name: "save-config yaml", files: &[], line: "kubectl create secret generic s --from-literal=a=b -n foo --save-config --dry-run=client -o yaml" },
    Case { name: "save-config json", files: &[F1], line: "kubectl create configmap c --from-file=f1 --from-literal=h=<b> --save-config --dry-run=client -o json" },
    Case { name: "docker required", files: &[], line: "kubectl create secret docker-registry d --docker-username=u --dry-run=client" },
    Case { name: "docker json", files: &[], line: "kubectl create secret docker-registry d --docker-username=u --docker-password=p<&> --docker-email=e@x --dry-run=client -o json" },
    Case { name: "docker yaml hash server", files: &[], line: "kubectl create secret docker-registry d --docker-server=registry.example.com:5000 --docker-username=u --docker-password=p --append-hash --dry-run=client -o yaml" },
    Case { name: "docker from file", files: &[("config.json", b"{\"auths\":{}}")], line: "kubectl create secret docker-registry d --from-file=.dockerconfigjson=config.json --dry-run=client -o yaml" },
    Case { name: "tls missing flags", files: &[], line: "kubectl create secret tls t --cert=tls.crt --dry-run=client" },
    Case { name: "tls missing file", files: &[KEY], line: "kubectl create secret tls t --cert=nope.crt --key=tls.key --dry-run=client" },
    Case { name: "tls folder", files: &[KEY, ("d/x", b"x")], line: "kubectl create secret tls t --cert=d --key=tls.key --dry-run=client" },
    Case { name: "tls malformed", files: &[CERT, KEY], line: "kubectl create secret tls t --cert=tls.crt --key=tls.key --dry-run=client" },
    Case { name: "tls no pem", files: &[PLAIN, KEY], line: "kubectl create secret tls t --cert=plain.txt --key=tls.key --dry-run=client" },
    Case { name: "tls switched", files: &[KEY], line: "kubectl create secret tls t --cert=tls.key --key=tls.key --dry-run=client" },
    Case { name: "tls key not pem", files: &[CERT, PLAIN], line: "kubectl create secret tls t --cert=tls.crt --key=plain.txt --dry-run=client" },
    Case { name: "tls cert as key", files: &[CERT], line: "kubectl create secret tls t --cert=tls.crt --key=tls.crt --dry-run=client" },
];

#[test]
fn kubectl_create_matches_the_real_kubectl() {
    let report = check(CASES);
    if report.skipped > 0 {
        eprintln!("oracle_create: {} of {} cases skipped (kubectl missing)", report.skipped, CASES.len());
        assert!(std::env::var_os("CI").is_none(), "kubectl is required in CI for the oracle tests");
    } else {
        eprintln!("oracle_create: {} cases compared with the real kubectl", report.compared);
    }
    assert!(
        report.failures.is_empty(),
        "{} of {} oracle cases differ:\n{}",
        report.failures.len(),
        report.compared,
        report.failures.join("\n")
    );
}

/// Generators of the real kubectl whose objects are nested (sequences of maps, empty maps,
/// long strings in sequences): their `-o json`, read back and printed by our YAML emitter, must
/// equal their `-o yaml`.
const EMITTER_CASES: &[&[&str]] = &[
    &["create", "deployment", "web", "--image=nginx", "--image=busybox:1.36", "--replicas=2", "--port=80"],
    &["create", "service", "clusterip", "svc", "--tcp=80:8080", "--tcp=443:8443"],
    &["create", "service", "nodeport", "np", "--tcp=5678:8080", "--node-port=30080"],
    &["create", "quota", "q", "--hard=cpu=1,memory=1G,pods=2,requests.storage=10Gi", "--scopes=NotTerminating"],
    &["create", "rolebinding", "rb", "--role=r", "--user=u", "--group=g", "--serviceaccount=default:sa"],
    &["create", "priorityclass", "pc", "--value=1000", "--description=a very long description of this priority class that certainly goes past the eighty column limit of go-yaml: yes"],
    &["create", "poddisruptionbudget", "pdb", "--selector=app=x", "--min-available=50%"],
    &["create", "ingress", "ing", "--rule=foo.com/bar=svc:80", "--rule=secure.com/*=svc2:https,tls=my-cert", "--annotation=nginx.ingress.kubernetes.io/rewrite-target=/", "--class=nginx"],
    &["create", "cronjob", "cj", "--image=busybox", "--schedule=*/1 * * * *", "--", "sh", "-c", "while true; do echo \"hello from a long running loop that keeps on going and going\"; sleep 10; done", "", "true", "8080", "a: b"],
    &["create", "job", "j", "--image=busybox", "--", "echo", "line1\nline2\n", "  leading", "tab\there", "trailing "],
    &["create", "namespace", "storage-lab"],
    &["create", "serviceaccount", "sa"],
    &["create", "secret", "generic", "s", "--from-literal=multi=line one\nline two", "--type=x\n\n"],
    &["create", "configmap", "c", "--from-literal=k=v\u{2028}w", "--from-literal=long=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbb", "--from-literal=dq=x\ty and then some more words to get us past the eighty column limit  two  spaces"],
    // Keys whose go-yaml order is total (mixing digit-led keys with others is not, and kubectl's
    // own output then varies from run to run).
    &["create", "configmap", "keys", "--from-literal=true=d", "--from-literal=y=e", "--from-literal=-=h", "--from-literal=-a=j", "--from-literal=a..b=k", "--from-literal=a01=n", "--from-literal=a1=o", "--from-literal=a2=p", "--from-literal=a10=p", "--from-literal=B=q", "--from-literal=b=r", "--from-literal=_=s", "--from-literal=.x=t", "--from-literal=Null=u", "--from-literal=ON=v", "--from-literal=key.9=w", "--from-literal=key.10=x"],
    &["create", "configmap", "numeric-keys", "--from-literal=1=a", "--from-literal=01=b", "--from-literal=10=c", "--from-literal=9=d", "--from-literal=2=e", "--from-literal=100=f"],
    &["create", "configmap", "values", "--from-literal=nel=a\u{85}b", "--from-literal=bom=\u{feff}x", "--from-literal=lead=\nabc", "--from-literal=spaces=   ", "--from-literal=dash=- x", "--from-literal=sq=it's a long single quoted value: with a colon and words enough to pass eighty columns wide", "--from-literal=nospace=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "--from-literal=crlit=a\rb\nc", "--from-literal=spacebreak=a \nb", "--from-literal=breakspace=a\n b", "--from-literal=pct=50%", "--from-literal=star=*x", "--from-literal=amp=&x", "--from-literal=bang=!x", "--from-literal=pipe=|x", "--from-literal=gt=>x", "--from-literal=bt=`x", "--from-literal=mid=a#b", "--from-literal=colon2=a:b", "--from-literal=q2=?", "--from-literal=time=12:30:45", "--from-literal=neg=-12", "--from-literal=plus=+1", "--from-literal=inf=.inf", "--from-literal=ctrl=\u{1}\u{1b}", "--from-literal=big=99999999999999999999", "--from-literal=ts=2024-12-10 08:00:00", "--from-literal=tsbad=2024-02-30", "--from-literal=yes2=Yes", "--from-literal=merge=<<"],
];

#[test]
fn yaml_emitter_matches_kubectl_for_nested_objects() {
    if !kubectl_available() {
        eprintln!("oracle_create: emitter cases skipped (kubectl missing)");
        assert!(std::env::var_os("CI").is_none(), "kubectl is required in CI for the oracle tests");
        return;
    }
    let mut failures = Vec::new();
    for (i, args) in EMITTER_CASES.iter().enumerate() {
        let with = |fmt: &str| {
            let mut a: Vec<&str> = args.to_vec();
            let at = a.iter().position(|w| *w == "--").unwrap_or(a.len());
            a.splice(at..at, ["--dry-run=client", "-o", fmt]);
            run_real_args(&a, &format!("emit{i}{fmt}")).expect("kubectl runs")
        };
        let (json, yaml) = (with("json"), with("yaml"));
        assert_eq!((json.exit, yaml.exit), (0, 0), "kubectl {args:?} failed: {}{}", json.output, yaml.output);
        let value = kube_sim_core::yaml::parse_documents(&json.output).expect("kubectl's JSON parses").remove(0);
        let ours = kube_sim_core::yaml::to_yaml(&value);
        if ours != yaml.output {
            failures.push(format!("kubectl {}:\n{}", args.join(" "), kube_sim_tests::diff(&yaml.output, &ours)));
        }
    }
    eprintln!("oracle_create: {} emitter cases compared", EMITTER_CASES.len());
    assert!(failures.is_empty(), "{} emitter cases differ:\n{}", failures.len(), failures.join("\n"));
}

