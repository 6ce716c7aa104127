# names: unicode kept; ';' -> ':'; control bytes (tab, NUL, CR, LF, DEL) -> space
mkprof -o p.pb.gz <<'END'
type samples count
function 1 name=main
function 2 name=héllo·wörld✓
function 3 name=a;b;c
function 4 name=with\sspaces\s\s(two)
function 5 name=tab\there
function 6 name=nul\x00byte
function 7 name=cr\x0dlf\x0adel\x7fend
function 8 name=std::vector<int>::push_back(int\s&&)
location 1 line=1
location 2 line=2
location 3 line=3
location 4 line=4
location 5 line=5
location 6 line=6
location 7 line=7
location 8 line=8
sample 2,1 values=1
sample 3,1 values=2
sample 4,1 values=3
sample 5,1 values=4
sample 6,1 values=5
sample 7,1 values=6
sample 8,3,1 values=7
END
pb2folded p.pb.gz
# no control byte is left
pb2folded p.pb.gz | tr -d "\n" | tr -d "[:print:]\200-\377" | wc -c
