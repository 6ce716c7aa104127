# no samples: with a sample type, nothing to print (as pprof); without
# any sample type there is no value to fold (pprof fails too): exit 1
mkprof -o types.pb.gz <<'END'
type cpu nanoseconds
END
if pb2folded types.pb.gz; then echo "types: exit 0"; else echo "types: exit $?"; fi
mkprof -o bare.pb.gz <<'END'
string unused
END
if pb2folded bare.pb.gz; then echo "bare: exit 0"; else echo "bare: exit $?"; fi
