package v1

const (
	// GroupName is the group name of this package.
	GroupName = "widgets.example.io"
	other     = 1
)
