cat <<END > /var/log/x.log
$HOME ${A:=b} $(( 1 + 2 ))
END
[ -f /var/log/x.log ] && exec tail -f /var/log/x.log || exit 1 ; echo 'unterminated
