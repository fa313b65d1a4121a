package arm_test

import (
	"fmt"

	"github.com/azureml-go/azureml/internal/arm"
)

// ExampleSASURL shows that a SAS URL prints without its signature, and
// that only Reveal gives it back for the storage request.
func ExampleSASURL() {
	u := arm.SASURL("https://acct.blob.core.windows.net/logs/std_log.txt?sv=2021-12-02&sig=abc")
	fmt.Println(u)
	fmt.Printf("%q\n", u)
	fmt.Println(len(u.Reveal()) > len(u.Redacted()))
	// Output:
	// https://acct.blob.core.windows.net/logs/std_log.txt?REDACTED
	// "https://acct.blob.core.windows.net/logs/std_log.txt?REDACTED"
	// true
}
