# bash completion for mttx (installed as share/bash-completion/completions/mttx)
_mttx() {
    local cur prev words cword
    _init_completion || return
    local commands="report audit timeline handoff check help"
    if [ "$cword" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version -V" -- "$cur"))
        return
    fi
    local cmd=${words[1]}
    case $prev in
        -o | --out | --postmortem) _filedir; return ;;
        --config | --junit) _filedir; return ;;
        -f | --format)
            case $cmd in
                report) COMPREPLY=($(compgen -W "md html json timelines csv summary md,html,json,timelines" -- "$cur")) ;;
                audit) COMPREPLY=($(compgen -W "md csv json md,csv,json" -- "$cur")) ;;
                timeline) COMPREPLY=($(compgen -W "md json" -- "$cur")) ;;
                check) COMPREPLY=($(compgen -W "json github" -- "$cur")) ;;
            esac
            return ;;
        --fail-on)
            COMPREPLY=($(compgen -W "missing-postmortem late-postmortem postmortem-compliance\\<95 response-compliance\\<90 unassigned-severity channel-convention" -- "$cur"))
            return ;;
        --tz)
            COMPREPLY=($(cd /usr/share/zoneinfo 2>/dev/null && compgen -f -- "$cur"))
            return ;;
        --from | --to | --as-of | --service | --team | --input-encoding | --input-format | --label-stdin)
            return ;;
        help) COMPREPLY=($(compgen -W "report audit timeline handoff check" -- "$cur")); return ;;
    esac
    if [[ $cur == -* ]]; then
        # the command's own options, read from its --help
        COMPREPLY=($(compgen -W "$(mttx "$cmd" --help 2>/dev/null | grep -o -- '--[a-z-]*' | sort -u)" -- "$cur"))
        return
    fi
    _filedir
}
complete -F _mttx mttx
